import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { RouteOptions } from '../../services.js';
import { parseMultipart } from '../dbfs/body-encoding.js';
import { commandRoutes } from './command-routes.js';
import { contextRoutes } from './context-routes.js';
import { multipartFields, urlEncodedFields } from './form-bodies.js';

/**
 * The Command Execution API (/api/1.2): execution contexts and their commands, run by the
 * runtime on each cluster's driver; this API checks the caller and the cluster, and relays.
 * Bodies are JSON, as the SDKs send them, or forms, as the API's own examples post them.
 */
export const commandExecutionRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  // Async parsers: what they throw (a malformed body) is answered as a 400.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    async (_request: FastifyRequest, body: string) => urlEncodedFields(body),
  );
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer' },
    async (request: FastifyRequest, body: Buffer) =>
      multipartFields(parseMultipart(body, request.headers['content-type'] ?? '')),
  );
  await app.register(contextRoutes, { services });
  await app.register(commandRoutes, { services });
};
