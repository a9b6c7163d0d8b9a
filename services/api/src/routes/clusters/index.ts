import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../../services.js';
import { catalogRoutes } from './catalog.js';
import { definitionRoutes } from './definition.js';
import { eventRoutes } from './events.js';
import { lifecycleRoutes } from './lifecycle.js';
import { readRoutes } from './read.js';
import { retentionRoutes } from './retention.js';

/** The Clusters API, mounted under each version prefix clients use. */
export const clusterRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services, hidden }) => {
  // Fresh options: passing ours on would apply the `prefix` a second time.
  const options: RouteOptions = { services, ...(hidden === undefined ? {} : { hidden }) };
  await app.register(definitionRoutes, options);
  await app.register(lifecycleRoutes, options);
  await app.register(retentionRoutes, options);
  await app.register(readRoutes, options);
  await app.register(eventRoutes, options);
  await app.register(catalogRoutes, options);
};
