import { parseWorkspacePath, StorageError } from '@brickyard/common/storage';
import type { FastifyRequest } from 'fastify';
import { scopeOf, WorkspaceAccess } from '../../permissions/workspace-access.js';
import type { ApiServices } from '../../services.js';
import { workspaceObjectAt } from '../workspace/object-lookup.js';

type NotebookTasks = readonly {
  notebook_task?: { notebook_path: string; source?: string | undefined } | undefined;
}[];

/** The workspace paths of the notebooks tasks run from the workspace (not from Git). */
function workspaceNotebookPaths(tasks: NotebookTasks | undefined): string[] {
  const paths = new Set<string>();
  for (const { notebook_task: task } of tasks ?? []) {
    if (!task || task.source === 'GIT') continue;
    try {
      paths.add(parseWorkspacePath(task.notebook_path, 'notebook_path'));
    } catch (error) {
      // A path that is no workspace path is left for the run to report, as a missing notebook is.
      if (!(error instanceof StorageError)) throw error;
    }
  }
  return [...paths];
}

/**
 * A job's notebook tasks may run a workspace notebook only if whoever sets them up may read it
 * (Databricks' notebook ACLs: running through a notebook workflow takes CAN_READ), checked when the
 * job is saved or submitted. A notebook that does not exist (yet) is left for the run to report.
 */
export async function assertNotebooksReadable(
  services: ApiServices,
  request: FastifyRequest,
  tasks: NotebookTasks | undefined,
): Promise<void> {
  const paths = workspaceNotebookPaths(tasks);
  if (paths.length === 0) return;
  const access = new WorkspaceAccess(services.permissions, services.identities);
  for (const path of paths) {
    if (access.can(request.principal, scopeOf(request), path, 'CAN_READ')) continue;
    if (await workspaceObjectAt(services.storage, request, path)) {
      access.require(request.principal, scopeOf(request), path, 'CAN_READ');
    }
  }
}
