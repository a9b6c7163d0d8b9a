import { StorageError } from '@brickyard/common/storage';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../../services.js';
import { assertProvisioned } from '../../store/workspace-directory.js';
import { directoryRoutes } from './directory-routes.js';
import { fileRoutes } from './file-routes.js';
import { filesError } from './files-errors.js';

/**
 * The Files API (/api/2.0/fs) over the files of Unity Catalog volumes, which the SDK's w.files
 * and w.dbfs (for /Volumes paths) call: volumes are found in the caller's metastore, their files
 * are objects below their storage locations.
 */
export const filesRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const stores = Object.values(services.unityCatalog);

  // A volume is found in the metastore caches, so nothing is answered before they are filled.
  app.addHook('onRequest', async (request) => {
    await Promise.all(stores.map((store) => store.synced));
    assertProvisioned(request.workspace.resource);
  });
  // An upload's body is the file, whatever the client labels it: handlers stream it themselves.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  app.setErrorHandler((error) => {
    throw error instanceof StorageError ? filesError(error) : error;
  });

  await app.register(fileRoutes, { services });
  await app.register(directoryRoutes, { services });
};
