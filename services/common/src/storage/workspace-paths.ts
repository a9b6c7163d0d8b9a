import {
  directoryPrefixOf,
  normalizeAbsolutePath,
  objectKeyOf,
  workspaceStorageRoot,
} from './storage-paths.js';

/** The area of a workspace's storage root that holds notebooks and workspace files. */
export const WORKSPACE_AREA = 'workspace';

const WORKSPACE_MOUNT = '/Workspace';

/**
 * A workspace path in canonical form. '/Workspace/Users/x' (the path as clusters and bundles see
 * it) and '/Users/x' name the same object; notebooks have no extension, files keep theirs.
 */
export function parseWorkspacePath(raw: string, what = 'path'): string {
  const canonical = normalizeAbsolutePath(raw, what);
  if (canonical === WORKSPACE_MOUNT) return '/';
  return canonical.startsWith(`${WORKSPACE_MOUNT}/`) ? canonical.slice(WORKSPACE_MOUNT.length) : canonical;
}

/** The home folder of a user: '/Users/<user name>'. */
function homeDirectoryOf(userName: string): string {
  return `/Users/${userName}`;
}

/**
 * Folders that exist in every workspace without being created: '/Users', '/Shared' and the
 * caller's home folder, as Databricks provisions them.
 */
export function builtInDirectories(userName: string): Set<string> {
  const home = homeDirectoryOf(userName);
  const directories = new Set(['/Users', '/Shared']);
  // A user name with '/' would not be one folder; such users simply have no built-in home.
  if (!userName.includes('/') && userName !== '' && userName !== '.' && userName !== '..') {
    directories.add(home);
  }
  return directories;
}

/** The bucket key of a workspace object: 'workspaces/<id>/workspace/Users/a/nb'. */
export function workspaceObjectKey(workspaceId: number, raw: string): string {
  return workspaceStorageRoot(workspaceId) + objectKeyOf(WORKSPACE_AREA, parseWorkspacePath(raw));
}

/** The bucket key prefix of a workspace folder, ending with '/'. */
export function workspaceDirectoryPrefix(workspaceId: number, raw: string): string {
  return workspaceStorageRoot(workspaceId) + directoryPrefixOf(WORKSPACE_AREA, parseWorkspacePath(raw));
}
