import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** /healthz (the event loop answers), /readyz (consuming, Redis connected) and /metrics. */
export async function startConsumerHealthServer(
  host: string,
  port: number,
  registry: Registry,
  ready: () => boolean,
): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const reply = (status: number, contentType: string, body: string) => {
      response.writeHead(status, { 'content-type': contentType });
      response.end(body);
    };
    if (path === '/healthz') return reply(200, 'text/plain', 'ok\n');
    if (path === '/readyz')
      return ready() ? reply(200, 'text/plain', 'ok\n') : reply(503, 'text/plain', 'not ready\n');
    if (path === '/metrics') {
      registry.metrics().then(
        (text) => reply(200, registry.contentType, text),
        (error: unknown) => reply(500, 'text/plain', `${String(error)}\n`),
      );
      return;
    }
    reply(404, 'text/plain', 'not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
