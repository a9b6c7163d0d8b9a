import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../../../services.js';
import { pageOf } from '../../paging.js';
import { findQuery } from './query-lookup.js';
import { ListQueriesQuery, QueryIdParams, QueryList, QueryView, querySchema } from './query-schemas.js';
import { toQueryView } from './query-view.js';

/** Get and list: a query, and the workspace's live ones by creation time. */
export const queryReadRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { queries } = services;

  app.get(
    '/:id',
    { schema: querySchema('A query', { params: QueryIdParams, response: QueryView }) },
    async (request) => toQueryView(findQuery(services, request.workspace.namespace, request.params.id)),
  );

  app.get(
    '',
    {
      schema: querySchema('Queries of the workspace, by creation time (trashed ones left out)', {
        querystring: ListQueriesQuery,
        response: QueryList,
      }),
    },
    async (request) => {
      const listed = queries
        .list(request.workspace.namespace)
        .filter((query) => !query.metadata.deletionTimestamp && query.spec.lifecycleState === 'ACTIVE')
        .map(toQueryView)
        .sort((a, b) => a.create_time.localeCompare(b.create_time) || a.id.localeCompare(b.id));
      const page = pageOf(listed, request.query.page_size, request.query.page_token);
      return {
        results: page.items,
        ...(page.tokens.next_page_token ? { next_page_token: page.tokens.next_page_token } : {}),
      };
    },
  );
};
