import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { resolveCaller } from '../auth/caller.js';
import type { ApiConfig } from '../config.js';
import type { ApiServices } from '../services.js';
import { SparkConnectClient } from '../sql-engine/connect-client.js';
import { loadConnectProtos } from '../sql-engine/connect-protos.js';
import { ConnectSessionOwners } from './connect-session-owners.js';
import { DriverAttacher } from './driver-attacher.js';
import { GrpcRefusal, GrpcStatus } from './grpc-status.js';
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
  let connectClient: SparkConnectClient | undefined;
  const owners = new ConnectSessionOwners(
    () => {
      const protos = config.sql.connectProtos;
      if (!protos) {
        throw new GrpcRefusal(
          GrpcStatus.unavailable,
          'Spark sessions cannot be given their caller here: BRICKYARD_SPARK_CONNECT_PROTOS is not set',
        );
      }
      connectClient ??= new SparkConnectClient(loadConnectProtos(protos));
      return connectClient;
    },
    services.computeCallers,
    log,
  );
  const proxy = new SparkConnectProxy(
    async (headers, clusterId) => {
      const { workspace, principal } = await resolveCaller(headers, 'workspace', services);
      if (!workspace) throw new Error('a workspace call resolved no workspace');
      const driverAddress = await attacher.attach(workspace.namespace, clusterId);
      return {
        driverAddress,
        caller: { workspaceId: workspace.workspaceId, clusterId, userName: principal.userName },
      };
    },
    owners,
    log,
  );
  const tls = config.tls
    ? {
        key: await readFile(config.tls.keyFile),
        cert: await readFile(config.tls.certFile),
        plainHttp: config.tls.plainHttp,
      }
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
