import type { AddressInfo } from 'node:net';
import {
  ClusterKind,
  type ClusterResource,
  JobKind,
  type JobResource,
  WorkspaceKind,
  type WorkspaceResource,
} from '@brickyard/common/crd';
import { loadKubeConfig } from '@brickyard/common/kube';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { RunStore } from '@brickyard/common/runs';
import { createS3Client, ObjectStore } from '@brickyard/common/storage';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { buildApp } from '../../../services/api/src/app.js';
import { TokenStore } from '../../../services/api/src/auth/token-store.js';
import { readApiConfig } from '../../../services/api/src/config.js';
import type { ApiServices } from '../../../services/api/src/services.js';
import { CustomResourceStore } from '../../../services/api/src/store/custom-resource-store.js';
import { WorkspaceDirectory } from '../../../services/api/src/store/workspace-directory.js';

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
  const platform = readPlatformEnv(env);
  const config = readApiConfig({
    ...env,
    BRICKYARD_ACCOUNT_ID: env.BRICKYARD_ACCOUNT_ID ?? env.DATABRICKS_ACCOUNT_ID,
  });
  const logger = pino({ name: 'storage-api-test', level: env.LOG_LEVEL ?? 'warn' });
  const kubeConfig = loadKubeConfig(config.kubeconfig);

  const tokens = new TokenStore(kubeConfig, logger);
  const workspaces = new WorkspaceDirectory(
    new CustomResourceStore<WorkspaceResource>(WorkspaceKind, kubeConfig, logger),
  );
  const clusters = new CustomResourceStore<ClusterResource>(ClusterKind, kubeConfig, logger);
  const jobs = new CustomResourceStore<JobResource>(JobKind, kubeConfig, logger);
  const runs = new RunStore(createRedisConnection(config.redisUrl));
  const s3 = createS3Client(platform.s3);
  const storage = new ObjectStore(s3, platform.s3.bucket);
  const services: ApiServices = {
    config,
    tokens,
    workspaces,
    clusters,
    jobs,
    runs,
    registry: new Registry(),
    isReady: () => true,
    storage,
  };

  const app = await buildApp(services, logger);
  await Promise.all([tokens.start(), workspaces.store.start()]);
  await Promise.all([tokens.synced, workspaces.store.synced]);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await Promise.all([tokens.stop(), workspaces.store.stop(), runs.stop()]);
      s3.destroy();
    },
  };
}
