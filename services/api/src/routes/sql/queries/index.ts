import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../../../services.js';
import { queryReadRoutes } from './read.js';
import { queryWriteRoutes } from './write.js';

/**
 * The Queries API (/api/2.0/sql/queries): saved queries of Databricks SQL, one Query resource each
 * in the workspace's namespace. Delete moves a query to the trash (lifecycle_state TRASHED): it
 * leaves the list, still answers get, and can no longer be run by a sql_task.
 */
export const queryRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  // Fresh options: passing ours on would apply the `prefix` a second time.
  const options: RouteOptions = { services };
  await app.register(queryWriteRoutes, options);
  await app.register(queryReadRoutes, options);
};
