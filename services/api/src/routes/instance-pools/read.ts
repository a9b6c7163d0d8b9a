import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { governedPool } from '../../permissions/governed-objects.js';
import type { RouteOptions } from '../../services.js';
import { findPool } from './pool-lookup.js';
import { PoolIdQuery, PoolList, PoolView, poolSchema } from './pool-schemas.js';
import { toPoolView } from './pool-view.js';

/** Get and list: of the pools the caller may attach clusters to (admins: all of them). */
export const poolReadRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  app.get(
    '/get',
    { schema: poolSchema('Get an instance pool', { querystring: PoolIdQuery, response: PoolView }) },
    async (request) => {
      const pool = findPool(services, request.workspace.namespace, request.query.instance_pool_id);
      services.permissions.require(request.principal, governedPool(pool), 'CAN_ATTACH_TO');
      return toPoolView(pool);
    },
  );

  app.get('/list', { schema: poolSchema('List instance pools', { response: PoolList }) }, async (request) => {
    const pools = services.instancePools
      .list(request.workspace.namespace)
      .filter(
        (pool) =>
          !pool.metadata.deletionTimestamp &&
          services.permissions.can(request.principal, governedPool(pool), 'CAN_ATTACH_TO'),
      )
      .map(toPoolView)
      .sort((a, b) => a.instance_pool_name.localeCompare(b.instance_pool_name));
    // Databricks leaves the key out when there is no pool.
    return pools.length > 0 ? { instance_pools: pools } : {};
  });
};
