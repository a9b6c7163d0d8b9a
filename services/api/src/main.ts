import {
  ClusterKind,
  type ClusterResource,
  JobKind,
  type JobResource,
  WorkspaceKind,
  type WorkspaceResource,
} from '@brickyard/common/crd';
import { loadKubeConfig } from '@brickyard/common/kube';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { RunStore } from '@brickyard/common/runs';
import { createS3Client, ObjectStore } from '@brickyard/common/storage';
import { pino } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { buildApp } from './app.js';
import { TokenStore } from './auth/token-store.js';
import { readApiConfig } from './config.js';
import { CustomResourceStore } from './store/custom-resource-store.js';
import { WorkspaceDirectory } from './store/workspace-directory.js';

const config = readApiConfig();
const logger = pino({ name: 'brickyard-api', level: config.logLevel });
const kubeConfig = loadKubeConfig(config.kubeconfig);

const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'brickyard_api_' });

const tokens = new TokenStore(kubeConfig, logger);
const workspaces = new WorkspaceDirectory(
  new CustomResourceStore<WorkspaceResource>(WorkspaceKind, kubeConfig, logger),
);
// Cluster creates are accepted into Redis and stored in the apiserver just after (PendingCreates):
// a burst of creates is answered at Redis speed, not at the apiserver's.
const clusters = new CustomResourceStore<ClusterResource>(ClusterKind, kubeConfig, logger, {
  redis: createRedisConnection(config.redisUrl),
});
const jobs = new CustomResourceStore<JobResource>(JobKind, kubeConfig, logger);
const runs = new RunStore(createRedisConnection(config.redisUrl));
const s3 = createS3Client(config.s3);
const storage = new ObjectStore(s3, config.s3.bucket);
const caches = [tokens, workspaces.store, clusters, jobs];

let ready = false;
const app = await buildApp(
  { config, tokens, workspaces, clusters, jobs, runs, storage, registry, isReady: () => ready },
  logger,
);

// Serve at once (liveness, metrics); readiness waits for every cache's first list.
await Promise.all([...caches.map((cache) => cache.start()), runs.start()]);
void Promise.all(caches.map((cache) => cache.synced)).then(() => {
  ready = true;
  logger.info('Caches synced, ready');
});
await app.listen({ host: config.host, port: config.port });

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, 'Shutting down');
  await app.close();
  await Promise.all([...caches.map((cache) => cache.stop()), runs.stop()]);
  s3.destroy();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
