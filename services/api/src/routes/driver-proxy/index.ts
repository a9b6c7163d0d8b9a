import replyFrom from '@fastify/reply-from';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DatabricksError, invalidParameter, temporarilyUnavailable } from '../../errors/databricks-error.js';
import type { RouteOptions } from '../../services.js';
import { findCluster } from '../clusters/cluster-lookup.js';
import { runningDriverAddress } from '../clusters/running-driver.js';
import { proxyBase, rewriteLocation } from './proxy-paths.js';

const Params = Type.Object({
  org_id: Type.String(),
  cluster_id: Type.String(),
  port: Type.Integer({ minimum: 1024, maximum: 65535 }),
  '*': Type.Optional(Type.String()),
});

/** What a browser may be sent a challenge for: it then asks for a user and the token as password. */
const BASIC_CHALLENGE = 'Basic realm="Brickyard workspace", charset="UTF-8"';

/**
 * The driver proxy: web servers on a running cluster's driver (the Spark UI, the master's page, a
 * user's app) through the workspace host, behind its auth. Pages link under the proxy's base:
 * Spark's UI roots its links at the X-Forwarded-Context it is sent.
 */
export const driverProxyRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  await app.register(replyFrom, { disableRequestLogging: true });
  // Bodies go to the driver as they came (forms of the Spark UI, an app's JSON).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof DatabricksError && error.statusCode === 401) {
      reply.header('www-authenticate', BASIC_CHALLENGE);
    }
  });

  const schema = {
    tags: ['compute'],
    summary: 'A web server on the driver (driver proxy)',
    params: Params,
    hide: true,
  };
  for (const url of [
    '/driver-proxy/o/:org_id/:cluster_id/:port',
    '/driver-proxy/o/:org_id/:cluster_id/:port/*',
  ]) {
    app.all(url, { schema }, async (request, reply) => {
      const { org_id, cluster_id, port } = request.params;
      if (org_id !== String(request.workspace.workspaceId)) {
        throw invalidParameter(`Workspace ${org_id} is not the workspace of this token`);
      }
      const cluster = findCluster(services, request, cluster_id, 'CAN_ATTACH_TO');
      const driver = runningDriverAddress(cluster);
      const base = proxyBase(org_id, cluster_id, port);
      const rest = request.params['*'];
      if (rest === undefined) return reply.redirect(`${base}/`);
      const origin = `http://${driver}:${port}`;
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      return reply.from(`${origin}/${rest}${query}`, {
        rewriteRequestHeaders: (_request, headers) => {
          // The caller's credentials stay at the workspace host.
          const { authorization: _token, cookie: _session, ...kept } = headers;
          return { ...kept, 'x-forwarded-context': base };
        },
        rewriteHeaders: (headers) => {
          const location = headers.location;
          return typeof location === 'string'
            ? { ...headers, location: rewriteLocation(location, origin, base) }
            : headers;
        },
        onError: (errorReply, { error }) => {
          request.log.debug(
            { err: error, clusterId: cluster_id, port },
            'The driver proxy could not reach the driver',
          );
          const failure = temporarilyUnavailable(
            `Nothing answers on port ${port} of the driver of cluster ${cluster_id}`,
          );
          errorReply.code(failure.statusCode).send(failure.toJSON());
        },
      });
    });
  }
};
