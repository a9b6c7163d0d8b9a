import { invalidPath } from './storage-error.js';

/**
 * Paths of the tree-shaped areas of a workspace's storage root (DBFS, workspace files) and the
 * object keys they map to. A path is canonical when it is absolute, has no empty, '.' or '..'
 * segments and no trailing slash: '/a/b', and '/' for the root.
 */

/** S3 keys are at most 1024 bytes; the root prefix and area take the rest. */
const MAX_PATH_BYTES = 900;
/** S3 servers over a file system (versitygw posix) keep each segment as a file name: 255 bytes. */
const MAX_NAME_BYTES = 255;

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** The canonical form of an absolute path; throws INVALID_PATH for anything else. */
export function normalizeAbsolutePath(raw: string, what = 'path'): string {
  if (raw.length === 0) throw invalidPath(`The ${what} must not be empty`);
  if (!raw.startsWith('/')) throw invalidPath(`The ${what} must be absolute (start with '/'): ${raw}`);
  if (CONTROL_CHARACTERS.test(raw)) {
    throw invalidPath(`The ${what} contains control characters: ${JSON.stringify(raw)}`);
  }
  const segments: string[] = [];
  for (const segment of raw.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') throw invalidPath(`The ${what} must not contain '..': ${raw}`);
    segments.push(segment);
  }
  const canonical = `/${segments.join('/')}`;
  if (Buffer.byteLength(canonical) > MAX_PATH_BYTES) {
    throw invalidPath(`The ${what} is longer than ${MAX_PATH_BYTES} bytes`);
  }
  const long = segments.find((segment) => Buffer.byteLength(segment) > MAX_NAME_BYTES);
  if (long !== undefined) {
    throw invalidPath(`The ${what} has a name longer than ${MAX_NAME_BYTES} bytes: ${long.slice(0, 40)}...`);
  }
  return canonical;
}

export function isRoot(path: string): boolean {
  return path === '/';
}

/** '/a' for '/a/b', '/' for '/a' and for '/'. */
export function parentPath(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? '/' : path.slice(0, index);
}

/** 'b' for '/a/b'; '' for the root. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(directory: string, name: string): string {
  return directory === '/' ? `/${name}` : `${directory}/${name}`;
}

/** The proper ancestors of a path, outermost first, without the root: '/a', '/a/b' for '/a/b/c'. */
export function ancestorsOf(path: string): string[] {
  const ancestors: string[] = [];
  for (let parent = parentPath(path); parent !== '/'; parent = parentPath(parent)) ancestors.unshift(parent);
  return ancestors;
}

/** True when `path` is `directory` or lies below it. */
export function isSameOrInside(path: string, directory: string): boolean {
  if (directory === '/') return true;
  return path === directory || path.startsWith(`${directory}/`);
}

/**
 * The key of the object holding a file at `path` in an area ('dbfs', 'workspace') of a storage
 * root, relative to that root: 'dbfs/a/b'. The root itself is never an object.
 */
export function objectKeyOf(area: string, path: string): string {
  if (isRoot(path)) throw invalidPath('The root is a directory, not a file');
  return `${area}${path}`;
}

/** The key prefix of everything below a directory, ending with '/': 'dbfs/a/b/', 'dbfs/' for the root. */
export function directoryPrefixOf(area: string, path: string): string {
  return isRoot(path) ? `${area}/` : `${area}${path}/`;
}

/** The path of a key (or directory prefix) of an area: '/a/b' for 'dbfs/a/b' and 'dbfs/a/b/'. */
export function pathOfKey(area: string, key: string): string {
  if (key !== area && !key.startsWith(`${area}/`)) throw invalidPath(`Key ${key} is not in area ${area}`);
  const rest = key.slice(area.length).replace(/\/+$/, '');
  return rest === '' ? '/' : rest;
}

/** The storage root of a workspace in the platform bucket: 'workspaces/<id>/'. */
export function workspaceStorageRoot(workspaceId: number): string {
  if (!Number.isSafeInteger(workspaceId) || workspaceId <= 0) {
    throw invalidPath(`Not a workspace id: ${workspaceId}`);
  }
  return `workspaces/${workspaceId}/`;
}
