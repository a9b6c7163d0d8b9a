import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../../../services.js';
import { definitionRoutes } from './definition.js';
import { lifecycleRoutes } from './lifecycle.js';
import { readRoutes } from './read.js';

/**
 * The SQL Warehouses API (/api/2.0/sql/warehouses): Warehouse resources whose compute the operator
 * runs as a Cluster. Statements reach a warehouse's driver through warehouseDriver.
 */
export const warehouseRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  // Fresh options: passing ours on would apply the `prefix` a second time.
  const options: RouteOptions = { services };
  await app.register(definitionRoutes, options);
  await app.register(lifecycleRoutes, options);
  await app.register(readRoutes, options);
};
