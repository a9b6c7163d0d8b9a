import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteOptions } from '../../services.js';

const Health = Type.Object({ status: Type.String() });

/** Liveness answers while the process serves; readiness once every informer cache is filled. */
export const healthRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const common = {
    config: { access: 'public' as const },
    schema: { hide: true, response: { 200: Health, 503: Health } },
  };
  app.get('/healthz', common, async () => ({ status: 'ok' }));
  app.get('/readyz', common, async (_request, reply) =>
    services.isReady() ? { status: 'ok' } : reply.status(503).send({ status: 'starting' }),
  );
};
