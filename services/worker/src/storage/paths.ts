import {
  DBFS_AREA,
  dbfsDirectoryPrefix,
  dbfsObjectKey,
  invalidPath,
  parseDbfsPath,
  parseWorkspacePath,
  pathOfKey,
  workspaceObjectKey,
  workspaceStorageRoot,
} from '@brickyard/common/storage';

/**
 * Where the runtime's paths live in the bucket. The layout is the shared one of
 * services/common/src/storage (the DBFS and Workspace APIs use the same functions):
 *
 *   dbfs:/x                      -> workspaces/<workspaceId>/dbfs/x
 *   /Users/a@b.c/nb (workspace)  -> workspaces/<workspaceId>/workspace/Users/a@b.c/nb
 *   logs of a task run           -> workspaces/<workspaceId>/cluster-logs/<runId>/<taskRunId>/
 *
 * Malformed paths throw StorageError INVALID_PATH.
 */

/** A DBFS path in canonical form ('/a/b', '/' for the root); 'dbfs:/a/b' and '/a/b' are the same. */
export function normalizeDbfsPath(path: string): string {
  return parseDbfsPath(path);
}

/** 'dbfs:/a/b' for a canonical '/a/b'. */
export function dbfsUri(canonical: string): string {
  return `dbfs:${canonical}`;
}

/** The key of a DBFS file (never the root, which is a directory). */
export function dbfsKey(workspaceId: number, path: string): string {
  return dbfsObjectKey(workspaceId, path);
}

/** The key prefix under which a DBFS directory's entries live (ends with '/'). */
export function dbfsPrefix(workspaceId: number, path: string): string {
  return dbfsDirectoryPrefix(workspaceId, path);
}

/** The canonical DBFS path of a bucket key under the workspace's DBFS area. */
export function dbfsPathOfKey(workspaceId: number, key: string): string {
  const root = workspaceStorageRoot(workspaceId);
  if (!key.startsWith(root)) throw invalidPath(`Key ${key} is not in workspace ${workspaceId}`);
  return pathOfKey(DBFS_AREA, key.slice(root.length));
}

/** A workspace path in canonical form; '/Workspace/Users/x' and '/Users/x' are the same object. */
export function normalizeWorkspacePath(path: string): string {
  return parseWorkspacePath(path);
}

/** The key of a workspace object (notebooks are stored without extension). */
export function workspaceKey(workspaceId: number, path: string): string {
  return workspaceObjectKey(workspaceId, path);
}

const RUN_ID = /^[\w.-]+$/;

/** The key prefix of a task run's logs (no trailing '/'). */
export function clusterLogPrefix(workspaceId: number, runId: string, taskRunId: string): string {
  for (const id of [runId, taskRunId]) {
    if (!RUN_ID.test(id) || id === '.' || id === '..') throw invalidPath(`Not a run id: ${id}`);
  }
  return `${workspaceStorageRoot(workspaceId)}cluster-logs/${runId}/${taskRunId}`;
}
