import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Requests and their durations by route template (bounded) and status. */
export const metrics = fp(async (app: FastifyInstance, { registry }: { registry: Registry }) => {
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({
    name: 'brickyard_api_requests_total',
    help: 'API requests by method, route template and status code',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'brickyard_api_request_duration_seconds',
    help: 'API request duration by method, route template and status code',
    labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  const errors = new Counter({
    name: 'brickyard_api_errors_total',
    help: 'Error responses by route template and Databricks error_code',
    labelNames: ['route', 'error_code'] as const,
    registers: [registry],
  });
  // Every error body is made by the one error handler, in the Databricks form.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode >= 400 && typeof payload === 'string') {
      errors.inc({ route: request.routeOptions.url ?? 'unmatched', error_code: errorCodeOf(payload) });
    }
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status_code: String(reply.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
});

function errorCodeOf(body: string): string {
  try {
    const code = (JSON.parse(body) as { error_code?: unknown }).error_code;
    return typeof code === 'string' ? code : 'UNKNOWN';
  } catch {
    return 'UNKNOWN';
  }
}
