import { StringEnum } from '@brickyard/common/schema';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteOptions } from '../../../services.js';
import { historyPage } from '../../../sql-statements/query-history.js';
import { QUERY_STATUSES, queryInfo } from '../../../sql-statements/query-info.js';

/**
 * The query history (/api/2.0/sql/history/queries) of the Statement Execution API's statements.
 * The SDKs send filter_by in the query string in dot notation (filter_by.warehouse_ids=...).
 */
const ListQueries = Type.Object({
  'filter_by.warehouse_ids': Type.Optional(Type.Array(Type.String())),
  'filter_by.statuses': Type.Optional(Type.Array(StringEnum(QUERY_STATUSES))),
  'filter_by.user_ids': Type.Optional(Type.Array(Type.Integer())),
  'filter_by.statement_ids': Type.Optional(Type.Array(Type.String())),
  'filter_by.query_start_time_range.start_time_ms': Type.Optional(Type.Integer({ minimum: 0 })),
  'filter_by.query_start_time_range.end_time_ms': Type.Optional(Type.Integer({ minimum: 0 })),
  include_metrics: Type.Optional(Type.Boolean()),
  max_results: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  page_token: Type.Optional(Type.String()),
});

const ListQueriesResponse = Type.Object({
  res: Type.Array(Type.Object({}, { additionalProperties: true })),
  has_next_page: Type.Boolean(),
  next_page_token: Type.Optional(Type.String()),
});

export const queryHistoryRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { statements } = services;
  app.get(
    '/queries',
    {
      schema: {
        tags: ['query history'],
        summary: 'Statements of the workspace, most recently started first',
        querystring: ListQueries,
        response: { 200: ListQueriesResponse },
      },
    },
    async (request) => {
      const query = request.query;
      const page = await historyPage(
        statements.store,
        request.workspace.workspaceId,
        {
          filter: {
            warehouseIds: query['filter_by.warehouse_ids'],
            statuses: query['filter_by.statuses'],
            userIds: query['filter_by.user_ids'],
            statementIds: query['filter_by.statement_ids'],
            startTimeMs: query['filter_by.query_start_time_range.start_time_ms'],
            endTimeMs: query['filter_by.query_start_time_range.end_time_ms'],
          },
          maxResults: query.max_results ?? 100,
          pageToken: query.page_token,
        },
        (record) => statements.visibleTo(record, request.workspace, request.principal),
      );
      return {
        res: page.records.map((record) => queryInfo(record, query.include_metrics ?? false)),
        has_next_page: page.nextPageToken !== undefined,
        ...(page.nextPageToken && { next_page_token: page.nextPageToken }),
      };
    },
  );
};
