import { warehouseClusterId } from '@brickyard/common/warehouse-spec';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteOptions } from '../../services.js';
import { findCluster } from '../clusters/cluster-lookup.js';
import { findPermittedWarehouse } from '../sql/warehouses/warehouse-lookup.js';
import { CostHistory, HistoryRange, historyWindow, promqlString, readCostHistory } from './cost-history.js';

/**
 * Cost over time, a Brickyard extension under /api/2.0/brickyard: the running total of a cluster, a
 * SQL warehouse or the workspace, read from the Prometheus that scrapes the operator's cost gauges.
 */
export const costHistoryRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const history = async (range: { start_time?: number; end_time?: number }, query: string) => {
    const window = historyWindow(range, Date.now());
    const points = await readCostHistory(services.config.prometheusUrl, query, window);
    return { points, step_seconds: window.stepSeconds, estimate: true as const };
  };
  const clusterSeries = (workspaceId: number, clusterId: string) =>
    `sum(brickyard_cost_cluster_dollars{workspace_id=${promqlString(String(workspaceId))},cluster_id=${promqlString(clusterId)}})`;

  app.get(
    '/clusters/cost/history',
    {
      schema: {
        tags: ['cost'],
        summary: "A cluster's estimated cost over time (the last day unless start_time and end_time say)",
        querystring: Type.Intersect([
          Type.Object({ cluster_id: Type.String({ minLength: 1 }) }),
          HistoryRange,
        ]),
        response: { 200: CostHistory },
      },
    },
    async (request) => {
      const cluster = findCluster(services, request, request.query.cluster_id, 'CAN_ATTACH_TO');
      return history(
        request.query,
        clusterSeries(request.workspace.workspaceId, cluster.metadata.name ?? ''),
      );
    },
  );

  app.get(
    '/warehouses/cost/history',
    {
      schema: {
        tags: ['cost'],
        summary: "A SQL warehouse's estimated cost over time",
        querystring: Type.Intersect([Type.Object({ id: Type.String({ minLength: 1 }) }), HistoryRange]),
        response: { 200: CostHistory },
      },
    },
    async (request) => {
      findPermittedWarehouse(services, request, request.query.id, 'CAN_VIEW');
      return history(
        request.query,
        clusterSeries(request.workspace.workspaceId, warehouseClusterId(request.query.id)),
      );
    },
  );

  app.get(
    '/workspace/cost/history',
    {
      schema: {
        tags: ['cost'],
        summary: "The estimated cost of the workspace's clusters and SQL warehouses over time",
        querystring: HistoryRange,
        response: { 200: CostHistory },
      },
    },
    async (request) =>
      history(
        request.query,
        `sum(brickyard_cost_workspace_dollars{workspace_id=${promqlString(String(request.workspace.workspaceId))}})`,
      ),
  );
};
