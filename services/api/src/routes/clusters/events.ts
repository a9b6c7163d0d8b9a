import { toSnakeCase } from '@brickyard/common/crd';
import { ClusterEvent, EpochMillis, StringEnum } from '@brickyard/common/schema';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteOptions } from '../../services.js';
import { decodePageToken, encodePageToken } from '../paging.js';
import { findCluster } from './cluster-lookup.js';

const EventsRequest = Type.Object({
  cluster_id: Type.String({ minLength: 1 }),
  start_time: Type.Optional(EpochMillis),
  end_time: Type.Optional(EpochMillis),
  event_types: Type.Optional(Type.Array(Type.String())),
  order: Type.Optional(StringEnum(['ASC', 'DESC'])),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  page_token: Type.Optional(Type.String()),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

const EventsResponse = Type.Object({
  events: Type.Array(ClusterEvent),
  total_count: Type.Integer(),
  next_page: Type.Optional(EventsRequest),
  next_page_token: Type.Optional(Type.String()),
  prev_page_token: Type.Optional(Type.String()),
});

/** The events the operator recorded for a cluster, newest first by default, paged both ways. */
export const eventRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services, hidden }) => {
  app.post(
    '/events',
    {
      schema: {
        tags: ['clusters'],
        summary: 'Events of a cluster',
        hide: hidden ?? false,
        body: EventsRequest,
        response: { 200: EventsResponse },
      },
    },
    async (request) => {
      const query = request.body;
      const cluster = findCluster(services, request, query.cluster_id, 'CAN_ATTACH_TO');
      const recorded = (cluster.status?.events ?? []).map((event) => toSnakeCase(event, ClusterEvent));
      const { page_token: _token, ...filters } = query;
      const matching = recorded
        .filter((event) => query.start_time === undefined || event.timestamp >= query.start_time)
        .filter((event) => query.end_time === undefined || event.timestamp <= query.end_time)
        .filter((event) => !query.event_types?.length || query.event_types.includes(event.type))
        .sort((a, b) => (query.order === 'ASC' ? a.timestamp - b.timestamp : b.timestamp - a.timestamp));
      const size = query.page_size ?? query.limit ?? 50;
      const offset = query.page_token ? decodePageToken(query.page_token) : (query.offset ?? 0);
      const events = matching.slice(offset, offset + size);
      const more = offset + size < matching.length;
      return {
        events,
        total_count: matching.length,
        ...(more
          ? {
              next_page: { ...filters, offset: offset + size, limit: size },
              next_page_token: encodePageToken(offset + size),
            }
          : {}),
        ...(offset > 0 ? { prev_page_token: encodePageToken(Math.max(0, offset - size)) } : {}),
      };
    },
  );
};
