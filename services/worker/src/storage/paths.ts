import { DBFS_AREA, invalidPath, pathOfKey, workspaceStorageRoot } from '@brickyard/common/storage';

/**
 * Where the runtime's paths live in the bucket. The layout is the shared one of
 * @brickyard/common/storage (parseDbfsPath, dbfsObjectKey, parseWorkspacePath, workspaceObjectKey,
 * ...: the DBFS and Workspace APIs use the same functions); what only the runtime needs (dbfs: URIs,
 * keys back to paths, the logs of task runs) is here. The layout:
 *
 *   dbfs:/x                      -> workspaces/<workspaceId>/dbfs/x
 *   /Users/a@b.c/nb (workspace)  -> workspaces/<workspaceId>/workspace/Users/a@b.c/nb
 *   logs of a task run           -> workspaces/<workspaceId>/cluster-logs/<runId>/<taskRunId>/
 *
 * Malformed paths throw StorageError INVALID_PATH.
 */

/** 'dbfs:/a/b' for a canonical '/a/b'. */
export function dbfsUri(canonical: string): string {
  return `dbfs:${canonical}`;
}

/** The canonical DBFS path of a bucket key under the workspace's DBFS area. */
export function dbfsPathOfKey(workspaceId: number, key: string): string {
  const root = workspaceStorageRoot(workspaceId);
  if (!key.startsWith(root)) throw invalidPath(`Key ${key} is not in workspace ${workspaceId}`);
  return pathOfKey(DBFS_AREA, key.slice(root.length));
}

const RUN_ID = /^[\w.-]+$/;

/** The key prefix of a task run's logs (no trailing '/'). */
export function clusterLogPrefix(workspaceId: number, runId: string, taskRunId: string): string {
  for (const id of [runId, taskRunId]) {
    if (!RUN_ID.test(id) || id === '.' || id === '..') throw invalidPath(`Not a run id: ${id}`);
  }
  return `${workspaceStorageRoot(workspaceId)}cluster-logs/${runId}/${taskRunId}`;
}
