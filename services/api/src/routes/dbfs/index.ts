import type { ObjectStore } from '@brickyard/common/storage';
import { StorageError } from '@brickyard/common/storage';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { dbfsError } from './dbfs-errors.js';
import { dbfsFileRoutes } from './files.js';
import { dbfsStreamRoutes } from './streams.js';

/** The DBFS API (/api/2.0/dbfs), backed by the workspace's 'dbfs/' area of the object store. */
export const dbfsRoutes: FastifyPluginAsyncTypebox<{ storage: ObjectStore }> = async (app, { storage }) => {
  // Storage failures become DBFS's error codes; the app's handler then answers as usual.
  app.setErrorHandler((error) => {
    throw error instanceof StorageError ? dbfsError(error) : error;
  });
  await app.register(dbfsFileRoutes, { storage });
  await app.register(dbfsStreamRoutes, { storage });
};
