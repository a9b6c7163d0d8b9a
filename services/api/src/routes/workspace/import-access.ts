import type { FileTree, TreeEntry } from '@brickyard/common/storage';
import { parentPath } from '@brickyard/common/storage';
import type { FastifyRequest } from 'fastify';
import { scopeOf, type WorkspaceAccess } from '../../permissions/workspace-access.js';
import type { ImportTarget } from './workspace-tree.js';

/**
 * Checks an import before it writes: replacing a notebook or file takes CAN_EDIT on it, creating
 * one takes CAN_MANAGE on its folder (Databricks' folder ACLs: create, import and delete items).
 * Returns what to do once it is written: a new object is its creator's to manage.
 */
export async function authorizeImport(
  access: WorkspaceAccess,
  request: FastifyRequest,
  tree: FileTree,
  target: Pick<ImportTarget, 'objectType' | 'path'>,
  overwrite: boolean,
): Promise<() => Promise<void>> {
  const scope = scopeOf(request);
  const existing: TreeEntry | undefined = await tree.stat(target.path);
  if (existing && overwrite) {
    access.require(request.principal, scope, target.path, 'CAN_EDIT');
    return async () => {};
  }
  access.require(request.principal, scope, parentPath(target.path), 'CAN_MANAGE');
  const type = target.objectType === 'NOTEBOOK' ? 'notebooks' : 'files';
  return () => access.grantCreator(request.principal, scope, type, target.path);
}
