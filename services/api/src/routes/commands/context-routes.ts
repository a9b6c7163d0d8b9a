import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../../services.js';
import { driverPaths } from './driver-client.js';
import { relayToDriver } from './relay.js';
import { ContextRef, ContextStatus, CreateContext, Created } from './schemas.js';

const tags = ['command execution'];

/** Execution contexts: a REPL each on the cluster's driver, whose variables last between commands. */
export const contextRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  app.post(
    '/contexts/create',
    {
      schema: {
        tags,
        summary: 'Create an execution context on a running cluster',
        body: CreateContext,
        response: { 200: Created },
      },
    },
    async (request, reply) => {
      const { clusterId, language } = request.body;
      const body = language === undefined ? {} : { language };
      return relayToDriver(
        services,
        request,
        reply,
        clusterId,
        {
          method: 'POST',
          path: driverPaths.contexts(),
          body,
        },
        true,
      );
    },
  );

  app.get(
    '/contexts/status',
    {
      schema: {
        tags,
        summary: 'The status of an execution context',
        querystring: ContextRef,
        response: { 200: ContextStatus },
      },
    },
    async (request, reply) => {
      const { clusterId, contextId } = request.query;
      return relayToDriver(services, request, reply, clusterId, {
        method: 'GET',
        path: driverPaths.context(contextId),
      });
    },
  );

  app.post(
    '/contexts/destroy',
    {
      schema: {
        tags,
        summary: 'Destroy an execution context',
        body: ContextRef,
        response: { 200: Created },
      },
    },
    async (request, reply) => {
      const { clusterId, contextId } = request.body;
      return relayToDriver(services, request, reply, clusterId, {
        method: 'DELETE',
        path: driverPaths.context(contextId),
      });
    },
  );
};
