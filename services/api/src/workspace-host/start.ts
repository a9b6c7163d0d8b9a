import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { resolveCaller } from '../auth/caller.js';
import type { ApiConfig } from '../config.js';
import type { ApiServices } from '../services.js';
import { DriverAttacher } from './driver-attacher.js';
import { isGrpcCall, SparkConnectProxy } from './spark-connect-proxy.js';
import { listenWorkspaceHost } from './workspace-host.js';

/** The parts of the Fastify app the host needs: readiness and its router. */
interface RestApp {
  ready: () => PromiseLike<unknown>;
  routing: (request: IncomingMessage, response: ServerResponse) => void;
}

export interface RunningWorkspaceHost {
  close: () => Promise<void>;
}

/**
 * Serves the API (`app`) and Spark Connect on the configured port: what Databricks calls the
 * workspace host. Called once `app` is built; Fastify itself never listens.
 */
export async function startWorkspaceHost(
  config: ApiConfig,
  services: ApiServices,
  app: RestApp,
  log: Logger,
): Promise<RunningWorkspaceHost> {
  await app.ready();
  const attacher = new DriverAttacher(services, config.connectHoldMs, log);
  const proxy = new SparkConnectProxy(async (headers, clusterId) => {
    const { workspace } = await resolveCaller(headers, 'workspace', services);
    if (!workspace) throw new Error('a workspace call resolved no workspace');
    return attacher.attach(workspace.namespace, clusterId);
  }, log);
  const tls = config.tls
    ? { key: await readFile(config.tls.keyFile), cert: await readFile(config.tls.certFile) }
    : undefined;
  const server = await listenWorkspaceHost({
    host: config.host,
    port: config.port,
    ...(tls ? { tls } : {}),
    // Fastify serves HTTP/2 compatibility requests as it does HTTP/1.1 ones (it checks
    // httpVersionMajor), though its router is typed for HTTP/1.1.
    rest: (request, response) => app.routing(request as IncomingMessage, response as ServerResponse),
    grpc: proxy.handle,
    isGrpc: isGrpcCall,
    log,
  });
  log.info({ host: config.host, port: config.port, tls: tls !== undefined }, 'Serving the workspace host');
  return {
    close: () =>
      new Promise<void>((resolve) => {
        proxy.close();
        server.close(() => resolve());
      }),
  };
}
