import { CLUSTER_SOURCES, CLUSTER_STATES } from '@brickyard/common/cluster-spec';
import { StringEnum } from '@brickyard/common/schema';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { governedCluster } from '../../permissions/governed-objects.js';
import type { RouteOptions } from '../../services.js';
import { pageOf } from '../paging.js';
import { ClusterDetails, toClusterDetails } from './cluster-details.js';
import { findCluster } from './cluster-lookup.js';
import { isListed } from './list-visibility.js';

const ListQuery = Type.Object({
  'filter_by.cluster_states': Type.Optional(Type.Array(StringEnum(CLUSTER_STATES))),
  'filter_by.cluster_sources': Type.Optional(Type.Array(StringEnum(CLUSTER_SOURCES))),
  'filter_by.is_pinned': Type.Optional(Type.Boolean()),
  'filter_by.policy_id': Type.Optional(Type.String()),
  'sort_by.direction': Type.Optional(StringEnum(['ASC', 'DESC'])),
  'sort_by.field': Type.Optional(StringEnum(['CLUSTER_NAME', 'DEFAULT'])),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  page_token: Type.Optional(Type.String()),
});

export const readRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services, hidden }) => {
  app.get(
    '/get',
    {
      schema: {
        tags: ['clusters'],
        summary: 'A cluster',
        hide: hidden ?? false,
        querystring: Type.Object({ cluster_id: Type.String({ minLength: 1 }) }),
        response: { 200: ClusterDetails },
      },
    },
    async (request) =>
      toClusterDetails(findCluster(services, request, request.query.cluster_id, 'CAN_ATTACH_TO')),
  );

  app.get(
    '/list',
    {
      schema: {
        tags: ['clusters'],
        summary: 'Clusters of the workspace',
        hide: hidden ?? false,
        querystring: ListQuery,
        response: {
          200: Type.Object({
            clusters: Type.Array(ClusterDetails),
            next_page_token: Type.Optional(Type.String()),
            prev_page_token: Type.Optional(Type.String()),
          }),
        },
      },
    },
    async (request) => {
      const query = request.query;
      const filter = {
        states: query['filter_by.cluster_states'],
        sources: query['filter_by.cluster_sources'],
        pinned: query['filter_by.is_pinned'],
      };
      const now = Date.now();
      const visible = services.clusters
        .list(request.workspace.namespace)
        .filter((cluster) => isListed(cluster, filter, now))
        // Only the clusters the caller may attach to, as Databricks lists them.
        .filter((cluster) =>
          services.permissions.can(request.principal, governedCluster(cluster), 'CAN_ATTACH_TO'),
        )
        .map(toClusterDetails);
      const byName = query['sort_by.field'] === 'CLUSTER_NAME';
      const direction = query['sort_by.direction'] === 'DESC' ? -1 : 1;
      visible.sort((a, b) =>
        byName
          ? direction * (a.cluster_name ?? '').localeCompare(b.cluster_name ?? '')
          : direction * a.cluster_id.localeCompare(b.cluster_id),
      );
      const page = pageOf(visible, query.page_size, query.page_token);
      return { clusters: page.items, ...page.tokens };
    },
  );
};
