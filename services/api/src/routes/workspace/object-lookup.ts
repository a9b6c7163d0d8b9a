import type { ObjectStore, TreeEntry } from '@brickyard/common/storage';
import { ancestorsOf, objectIdOf, pathOfKey, WORKSPACE_AREA } from '@brickyard/common/storage';
import type { FastifyRequest } from 'fastify';
import type { WorkspaceObjectRequestType } from '../../permissions/object-types.js';
import { workspaceTree } from './workspace-tree.js';

/** The Permissions API's type of a workspace object: notebooks, directories or files. */
function requestTypeOf(entry: TreeEntry): WorkspaceObjectRequestType {
  if (entry.isDirectory) return 'directories';
  return entry.metadata['object-type'] === 'NOTEBOOK' ? 'notebooks' : 'files';
}

/**
 * The path of the workspace object with an object_id. Ids are derived from paths (objectIdOf), so
 * this looks among the paths the caller names first, then through the workspace's whole tree.
 */
export async function pathOfObjectId(
  storage: ObjectStore,
  workspaceId: number,
  objectId: number,
  likely: readonly string[],
): Promise<string | undefined> {
  const matches = (path: string) => objectIdOf(workspaceId, path) === objectId;
  const known = likely.find(matches);
  if (known !== undefined) return known;
  const root = storage.forWorkspace(workspaceId);
  for await (const batch of root.iterate(`${WORKSPACE_AREA}/`)) {
    for (const object of batch) {
      const path = pathOfKey(WORKSPACE_AREA, object.key);
      const found = [...ancestorsOf(path), path].find(matches);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The object at a path, with its Permissions API type; undefined when nothing is there. */
export async function workspaceObjectAt(
  storage: ObjectStore,
  request: FastifyRequest,
  path: string,
): Promise<{ entry: TreeEntry; type: WorkspaceObjectRequestType } | undefined> {
  const entry = await workspaceTree(storage, request).stat(path);
  return entry && { entry, type: requestTypeOf(entry) };
}
