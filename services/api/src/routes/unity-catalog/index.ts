import { StorageError } from '@brickyard/common/storage';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { temporarilyUnavailable } from '../../errors/databricks-error.js';
import type { ApiServices, RouteOptions } from '../../services.js';
import { assertProvisioned } from '../../store/workspace-directory.js';
import { catalogRoutes } from './catalogs.js';
import { DefaultObjects } from './default-objects.js';
import { grantRoutes } from './grants.js';
import { metastoreOf } from './metastore.js';
import { metastoreRoutes } from './metastores.js';
import { schemaRoutes } from './schemas.js';
import { tableReadRoutes } from './table-reads.js';
import { tableRoutes } from './tables.js';
import { temporaryCredentialRoutes } from './temporary-credentials.js';
import { volumeRoutes } from './volumes.js';
import { WriteQueue } from './write-queue.js';

/**
 * The Unity Catalog API (/api/2.1/unity-catalog) over Catalog, Schema, Table and Volume resources
 * in each workspace's namespace: every workspace is a metastore of its own.
 */
export const unityCatalogRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  guardRequests(app, services, new DefaultObjects(services));
  const options = { services, writes: new WriteQueue() };

  await app.register(metastoreRoutes, options);
  await app.register(catalogRoutes, options);
  await app.register(schemaRoutes, options);
  await app.register(tableRoutes, options);
  await app.register(tableReadRoutes, options);
  await app.register(volumeRoutes, options);
  await app.register(temporaryCredentialRoutes, options);
  await app.register(grantRoutes, options);
};

/**
 * The temporary credential endpoints again under /api/2.0/unity-catalog, where the SDKs call
 * them. They only read the metastore, so its default catalogs are left to the 2.1 routes.
 */
export const unityCatalogV2Routes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  guardRequests(app, services, undefined);
  await app.register(temporaryCredentialRoutes, { services });
};

function guardRequests(
  app: FastifyInstance,
  services: ApiServices,
  defaults: DefaultObjects | undefined,
): void {
  const stores = Object.values(services.unityCatalog);
  // Names are found in the caches, so nothing is answered before they hold the metastores; the
  // first request of a workspace creates its default catalogs.
  app.addHook('onRequest', async (request) => {
    await Promise.all(stores.map((store) => store.synced));
    assertProvisioned(request.workspace.resource);
    await defaults?.ensure(metastoreOf(services.config.s3.bucket, request.workspace));
  });
  // Deleting a managed table's files met an object store failure: worth a retry.
  app.setErrorHandler((error) => {
    throw error instanceof StorageError ? temporarilyUnavailable(error.message) : error;
  });
}
