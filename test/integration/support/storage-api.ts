import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { buildApp } from '../../../services/api/src/app.js';
import { readApiConfig } from '../../../services/api/src/config.js';
import { createApiServices } from '../../../services/api/src/services.js';

export interface StorageApi {
  /** Base URL of the API, e.g. http://127.0.0.1:40123. */
  url: string;
  close: () => Promise<void>;
}

/**
 * An in-process API server built like main.ts builds it, on a free port, for the tests that must
 * restart the API or break its S3 connection. Tokens and workspaces come from the running
 * platform's Kubernetes, so .brickyard/env's tokens work.
 */
export async function startStorageApi(env: NodeJS.ProcessEnv = process.env): Promise<StorageApi> {
  const config = readApiConfig({
    ...env,
    BRICKYARD_ACCOUNT_ID: env.BRICKYARD_ACCOUNT_ID ?? env.DATABRICKS_ACCOUNT_ID,
  });
  const logger = pino({ name: 'storage-api-test', level: env.LOG_LEVEL ?? 'warn' });
  const runtime = createApiServices(config, logger);
  const app = await buildApp(runtime.services, logger);
  await runtime.start();
  await runtime.synced();
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await runtime.stop();
    },
  };
}
