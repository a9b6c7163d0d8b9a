import { Labels } from '@brickyard/common/vocabulary';
import { warehouseClusterId } from '@brickyard/common/warehouse-spec';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteOptions } from '../../services.js';
import { findCluster } from '../clusters/cluster-lookup.js';
import { findPermittedWarehouse } from '../sql/warehouses/warehouse-lookup.js';
import { ClusterCost, clusterCostOf, WarehouseCost, warehouseCostOf } from './cost-view.js';

/**
 * Cost emulation, a Brickyard extension under /api/2.0/brickyard: what a cluster, a SQL warehouse,
 * or all those of the caller's workspace, would have cost on Databricks on AWS (estimates), so far
 * (over time: history-routes.ts).
 */
export const costRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  app.get(
    '/clusters/cost',
    {
      schema: {
        tags: ['cost'],
        summary: "A cluster's estimated cost so far (EC2 and DBUs)",
        querystring: Type.Object({ cluster_id: Type.String({ minLength: 1 }) }),
        response: { 200: ClusterCost },
      },
    },
    async (request) =>
      clusterCostOf(findCluster(services, request, request.query.cluster_id, 'CAN_ATTACH_TO'), Date.now()),
  );

  app.get(
    '/warehouses/cost',
    {
      schema: {
        tags: ['cost'],
        summary: "A SQL warehouse's estimated cost so far (EC2 and DBUs at SQL rates)",
        querystring: Type.Object({ id: Type.String({ minLength: 1 }) }),
        response: { 200: WarehouseCost },
      },
    },
    async (request) => {
      const { namespace } = request.workspace;
      const warehouse = findPermittedWarehouse(services, request, request.query.id, 'CAN_VIEW');
      const compute = services.clusters.get(namespace, warehouseClusterId(request.query.id));
      return warehouseCostOf(warehouse, compute, Date.now());
    },
  );

  app.get(
    '/workspace/cost',
    {
      schema: {
        tags: ['cost'],
        summary: "The estimated cost of the workspace's clusters and SQL warehouses so far",
        response: {
          200: Type.Object({
            total_dollars: Type.Number({ minimum: 0 }),
            hourly_dollars: Type.Number({ minimum: 0 }),
            clusters: Type.Array(ClusterCost),
            warehouses: Type.Array(WarehouseCost),
            estimate: Type.Literal(true),
          }),
        },
      },
    },
    async (request) => {
      const now = Date.now();
      const { namespace } = request.workspace;
      // A warehouse's compute is counted once, as the warehouse's.
      const clusters = services.clusters
        .list(namespace)
        .filter(
          (cluster) => !cluster.metadata.deletionTimestamp && !cluster.metadata.labels?.[Labels.warehouseId],
        )
        .map((cluster) => clusterCostOf(cluster, now))
        .sort((a, b) => a.cluster_id.localeCompare(b.cluster_id));
      const warehouses = services.warehouses
        .list(namespace)
        .filter(
          (warehouse) => !warehouse.metadata.deletionTimestamp && warehouse.spec.desiredState !== 'DELETED',
        )
        .map((warehouse) => {
          const compute = services.clusters.get(namespace, warehouseClusterId(warehouse.metadata.name ?? ''));
          return warehouseCostOf(warehouse, compute, now);
        })
        .sort((a, b) => a.warehouse_id.localeCompare(b.warehouse_id));
      const all = [...clusters, ...warehouses];
      return {
        total_dollars: all.reduce((sum, item) => sum + item.total_dollars, 0),
        hourly_dollars: all.reduce((sum, item) => sum + item.hourly_dollars, 0),
        clusters,
        warehouses,
        estimate: true as const,
      };
    },
  );
};
