import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../../services.js';
import { driverPaths } from './driver-client.js';
import { relayToDriver } from './relay.js';
import { CommandRef, CommandStatus, Created, Execute } from './schemas.js';

const tags = ['command execution'];

/** Commands of an execution context: run one at a time in its REPL, polled, cancelled. */
export const commandRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  app.post(
    '/commands/execute',
    {
      schema: {
        tags,
        summary: 'Run a command in an execution context',
        body: Execute,
        response: { 200: Created },
      },
    },
    async (request, reply) => {
      const { clusterId, contextId, language, command } = request.body;
      return relayToDriver(services, request, reply, clusterId, {
        method: 'POST',
        path: driverPaths.commands(contextId),
        body: { ...(language !== undefined && { language }), ...(command !== undefined && { command }) },
      });
    },
  );

  app.get(
    '/commands/status',
    {
      schema: {
        tags,
        summary: 'The status of a command, with its results once it ended',
        querystring: CommandRef,
        response: { 200: CommandStatus },
      },
    },
    async (request, reply) => {
      const { clusterId, contextId, commandId } = request.query;
      return relayToDriver(services, request, reply, clusterId, {
        method: 'GET',
        path: driverPaths.command(contextId, commandId),
      });
    },
  );

  app.post(
    '/commands/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a command',
        body: CommandRef,
        response: { 200: Created },
      },
    },
    async (request, reply) => {
      const { clusterId, contextId, commandId } = request.body;
      return relayToDriver(services, request, reply, clusterId, {
        method: 'POST',
        path: driverPaths.cancel(contextId, commandId),
      });
    },
  );
};
