import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

interface Readiness {
  ready: boolean;
  /** Shown in the body of /readyz, e.g. { role: 'leader', identity: '...' }. */
  detail: Record<string, unknown>;
}

export interface HealthServerOptions {
  host: string;
  port: number;
  registry: Registry;
  readiness: () => Readiness;
  /** For a startup probe, /startedz: passes once this says so (404 without it). */
  started?: () => boolean;
}

/**
 * /metrics for Prometheus, /healthz for liveness (the event loop answers), /readyz for readiness
 * (as the caller defines it), with a JSON body saying which role this replica plays, and
 * /startedz for a startup probe when the caller defines when it has started.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const reply = (status: number, contentType: string, body: string): void => {
      response.writeHead(status, { 'content-type': contentType });
      response.end(body);
    };
    if (request.method !== 'GET') return reply(405, 'text/plain', 'method not allowed\n');
    if (path === '/healthz') return reply(200, 'text/plain', 'ok\n');
    if (path === '/readyz') {
      const { ready, detail } = options.readiness();
      return reply(ready ? 200 : 503, 'application/json', `${JSON.stringify({ ready, ...detail })}\n`);
    }
    if (path === '/startedz' && options.started) {
      return options.started()
        ? reply(200, 'text/plain', 'started\n')
        : reply(503, 'text/plain', 'starting\n');
    }
    if (path === '/metrics') {
      options.registry.metrics().then(
        (text) => reply(200, options.registry.contentType, text),
        (error: unknown) => reply(500, 'text/plain', `${String(error)}\n`),
      );
      return;
    }
    reply(404, 'text/plain', 'not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
