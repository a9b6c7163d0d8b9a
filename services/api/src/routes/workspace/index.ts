import { StorageError } from '@brickyard/common/storage';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { workspaceObjectRoutes } from './objects.js';
import { workspaceError } from './workspace-errors.js';
import { workspaceFileRoutes } from './workspace-files.js';
import type { WorkspaceRouteOptions } from './workspace-tree.js';

/** The Workspace API (/api/2.0/workspace), backed by the workspace's 'workspace/' area. */
export const workspaceRoutes: FastifyPluginAsyncTypebox<WorkspaceRouteOptions> = async (
  app,
  { storage, access },
) => {
  // Storage failures become the Workspace API's error codes; the app's handler then answers.
  app.setErrorHandler((error) => {
    throw error instanceof StorageError ? workspaceError(error) : error;
  });
  await app.register(workspaceObjectRoutes, { storage, access });
};

/** The raw-bytes workspace file endpoints (/api/2.0/workspace-files), same tree and errors. */
export const workspaceFilesRoutes: FastifyPluginAsyncTypebox<WorkspaceRouteOptions> = async (
  app,
  { storage, access },
) => {
  app.setErrorHandler((error) => {
    throw error instanceof StorageError ? workspaceError(error) : error;
  });
  await app.register(workspaceFileRoutes, { storage, access });
};
