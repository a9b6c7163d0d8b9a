import type { NotebookLanguage, ObjectStore } from '@brickyard/common/storage';
import {
  builtInDirectories,
  FileTree,
  fromS3Metadata,
  isRoot,
  objectIdOf,
  StorageError,
  type TreeEntry,
  toS3Metadata,
  WORKSPACE_AREA,
} from '@brickyard/common/storage';
import type { FastifyRequest } from 'fastify';
import type { WorkspaceAccess } from '../../permissions/workspace-access.js';

/** What the workspace routes work with: the object store, and who may do what in the tree. */
export interface WorkspaceRouteOptions {
  storage: ObjectStore;
  access: WorkspaceAccess;
}

/** Notebook imports and exports carry at most 10 MB of content. */
export const MAX_CONTENT_BYTES = 10 * 1024 * 1024;

/**
 * The caller's view of the workspace tree: '/Users', '/Shared' and the caller's home folder
 * exist from the start, as in Databricks.
 */
export function workspaceTree(storage: ObjectStore, request: FastifyRequest): FileTree {
  const { workspaceId } = request.workspace;
  return new FileTree(storage.forWorkspace(workspaceId), WORKSPACE_AREA, {
    builtInDirectories: builtInDirectories(request.principal.userName),
    directoryMetadata: (path) => {
      const now = Date.now();
      return toS3Metadata({
        objectType: 'DIRECTORY',
        objectId: objectIdOf(workspaceId, path),
        createdAt: now,
        modifiedAt: now,
      });
    },
  });
}

export type ImportTarget =
  | { objectType: 'NOTEBOOK'; language: NotebookLanguage; path: string; bytes: Buffer }
  | { objectType: 'FILE'; path: string; bytes: Buffer };

/**
 * Writes a notebook or file into an existing folder, keeping the creation time of what it
 * replaces. Its type and language go with it as object metadata.
 */
export async function importObject(
  tree: FileTree,
  workspaceId: number,
  target: ImportTarget,
  overwrite: boolean,
): Promise<TreeEntry> {
  if (isRoot(target.path)) {
    throw new StorageError('ALREADY_EXISTS', 'The root folder already exists', { path: target.path });
  }
  const now = Date.now();
  const objectId = objectIdOf(workspaceId, target.path);
  return tree.write(target.path, target.bytes, {
    overwrite,
    createParents: false,
    metadata: (existing) =>
      toS3Metadata({
        objectType: target.objectType,
        language: target.objectType === 'NOTEBOOK' ? target.language : undefined,
        objectId,
        createdAt: existing
          ? fromS3Metadata(existing.metadata, { objectId, modifiedAt: existing.modifiedAt }).createdAt
          : now,
        modifiedAt: now,
      }),
  });
}
