import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteOptions } from '../../services.js';
import { findCluster } from '../clusters/cluster-lookup.js';
import { ClusterCost, clusterCostOf } from './cost-view.js';

/**
 * Cost emulation, a Brickyard extension under /api/2.0/brickyard: what a cluster, or all the
 * clusters of the caller's workspace, would have cost on Databricks on AWS (estimates).
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
    async (request) => clusterCostOf(findCluster(services, request, request.query.cluster_id), Date.now()),
  );

  app.get(
    '/workspace/cost',
    {
      schema: {
        tags: ['cost'],
        summary: "The estimated cost of the workspace's clusters so far",
        response: {
          200: Type.Object({
            total_dollars: Type.Number({ minimum: 0 }),
            hourly_dollars: Type.Number({ minimum: 0 }),
            clusters: Type.Array(ClusterCost),
            estimate: Type.Literal(true),
          }),
        },
      },
    },
    async (request) => {
      const now = Date.now();
      const clusters = services.clusters
        .list(request.workspace.namespace)
        .filter((cluster) => !cluster.metadata.deletionTimestamp)
        .map((cluster) => clusterCostOf(cluster, now))
        .sort((a, b) => a.cluster_id.localeCompare(b.cluster_id));
      return {
        total_dollars: clusters.reduce((sum, cluster) => sum + cluster.total_dollars, 0),
        hourly_dollars: clusters.reduce((sum, cluster) => sum + cluster.hourly_dollars, 0),
        clusters,
        estimate: true as const,
      };
    },
  );
};
