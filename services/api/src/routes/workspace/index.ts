import type { ObjectStore } from '@brickyard/common/storage';
import { StorageError } from '@brickyard/common/storage';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { workspaceObjectRoutes } from './objects.js';
import { workspaceError } from './workspace-errors.js';
import { workspaceFileRoutes } from './workspace-files.js';

/** The Workspace API (/api/2.0/workspace), backed by the workspace's 'workspace/' area. */
export const workspaceRoutes: FastifyPluginAsyncTypebox<{ storage: ObjectStore }> = async (
  app,
  { storage },
) => {
  // Storage failures become the Workspace API's error codes; the app's handler then answers.
  app.setErrorHandler((error) => {
    throw error instanceof StorageError ? workspaceError(error) : error;
  });
  await app.register(workspaceObjectRoutes, { storage });
};

/** The raw-bytes workspace file endpoints (/api/2.0/workspace-files), same tree and errors. */
export const workspaceFilesRoutes: FastifyPluginAsyncTypebox<{ storage: ObjectStore }> = async (
  app,
  { storage },
) => {
  app.setErrorHandler((error) => {
    throw error instanceof StorageError ? workspaceError(error) : error;
  });
  await app.register(workspaceFileRoutes, { storage });
};
