import { normalizeAbsolutePath, StorageError } from '@brickyard/common/storage';
import { invalidPath } from './files-errors.js';

/** A path of the Files API: /Volumes/<catalog>/<schema>/<volume>/<path in the volume>. */
export interface VolumePath {
  catalog: string;
  schema: string;
  volume: string;
  /** Canonical, inside the volume: '/a/b', and '/' for the volume itself. */
  path: string;
}

const MISSING = ['a catalog name', 'a schema name', 'a volume name'];

/** A Files API path in canonical form: empty and '.' segments dropped, '..' refused. */
export function canonicalFilesPath(raw: string): string {
  try {
    return normalizeAbsolutePath(raw);
  } catch (error) {
    if (error instanceof StorageError) throw invalidPath(error.message);
    throw error;
  }
}

/** A file's path: a trailing '/' names a directory, never a file. */
export function assertFilePath(raw: string): void {
  if (raw.endsWith('/')) throw invalidPath(`A file path cannot end with '/': ${raw}`);
}

/** A Files API path in its parts, refused in Databricks' words when it is not below a volume. */
export function parseVolumePath(raw: string): VolumePath {
  const canonical = canonicalFilesPath(raw);
  const [first = '', ...parts] = canonical.split('/').slice(1);
  if (first !== 'Volumes') throw invalidPath(`unsupported first path component: ${first}`);
  const missing = MISSING[parts.length];
  if (missing) throw invalidPath(`Path is missing ${missing}`);
  const [catalog = '', schema = '', volume = '', ...rest] = parts;
  return { catalog, schema, volume, path: `/${rest.join('/')}` };
}

/** The path of a file: as parseVolumePath, but a trailing '/' names a directory, never a file. */
export function parseVolumeFilePath(raw: string): VolumePath {
  assertFilePath(raw);
  return parseVolumePath(raw);
}
