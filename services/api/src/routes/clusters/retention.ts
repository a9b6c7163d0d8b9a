import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { clusterDoesNotExist, resourceLimitExceeded } from '../../errors/databricks-error.js';
import type { RouteOptions } from '../../services.js';
import { findCluster } from './cluster-lookup.js';
import { ClusterIdBody, clusterPostSchema, updateSpec } from './spec-change.js';

const MAX_PINNED_CLUSTERS = 100;

/** Permanent delete, pin and unpin: whether a cluster's configuration is kept. */
export const retentionRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services, hidden }) => {
  const { clusters } = services;

  app.post(
    '/permanent-delete',
    { schema: clusterPostSchema(hidden, 'Terminate and remove a cluster', ClusterIdBody) },
    async (request) => {
      const { cluster_id } = request.body;
      findCluster(services, request, cluster_id, 'CAN_MANAGE');
      if (!(await clusters.delete(request.workspace.namespace, cluster_id)))
        throw clusterDoesNotExist(cluster_id);
      return {};
    },
  );

  for (const [path, pinned] of [
    ['/pin', true],
    ['/unpin', false],
  ] as const) {
    app.post(
      path,
      { schema: clusterPostSchema(hidden, pinned ? 'Pin a cluster' : 'Unpin a cluster', ClusterIdBody) },
      async (request) => {
        const { cluster_id } = request.body;
        findCluster(services, request, cluster_id, 'CAN_MANAGE');
        const pinnedCount = clusters.list(request.workspace.namespace).filter((c) => c.spec.pinned).length;
        if (pinned && pinnedCount >= MAX_PINNED_CLUSTERS) {
          throw resourceLimitExceeded(`At most ${MAX_PINNED_CLUSTERS} clusters can be pinned`);
        }
        await updateSpec(services, request.workspace.namespace, cluster_id, ({ spec }) => ({
          ...spec,
          pinned,
        }));
        return {};
      },
    );
  }
};
