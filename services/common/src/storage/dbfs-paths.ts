import { invalidPath } from './storage-error.js';
import {
  directoryPrefixOf,
  normalizeAbsolutePath,
  objectKeyOf,
  workspaceStorageRoot,
} from './storage-paths.js';

/** The area of a workspace's storage root that holds DBFS: 'workspaces/<id>/dbfs/...'. */
export const DBFS_AREA = 'dbfs';

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * A DBFS path in canonical form: 'dbfs:/a/b' and '/a/b' are the same file, 'dbfs:' and 'dbfs:/'
 * the root. Other schemes (s3:, file:) and relative paths are INVALID_PATH.
 */
export function parseDbfsPath(raw: string, what = 'path'): string {
  let rest = raw;
  if (rest.startsWith('dbfs:')) {
    rest = rest.slice('dbfs:'.length);
    if (rest === '') rest = '/';
  } else if (SCHEME.test(rest)) {
    throw invalidPath(`The ${what} must be a DBFS path (dbfs:/... or /...): ${raw}`);
  }
  return normalizeAbsolutePath(rest, what);
}

/** The bucket key of a DBFS file: 'workspaces/<id>/dbfs/a/b' for 'dbfs:/a/b'. */
export function dbfsObjectKey(workspaceId: number, raw: string): string {
  return workspaceStorageRoot(workspaceId) + objectKeyOf(DBFS_AREA, parseDbfsPath(raw));
}

/** The bucket key prefix of a DBFS directory, ending with '/': 'workspaces/<id>/dbfs/' for the root. */
export function dbfsDirectoryPrefix(workspaceId: number, raw: string): string {
  return workspaceStorageRoot(workspaceId) + directoryPrefixOf(DBFS_AREA, parseDbfsPath(raw));
}
