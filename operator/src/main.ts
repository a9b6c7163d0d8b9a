import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Controller } from '@brickyard/common/kube';
import {
  createControllerMetrics,
  EventRecorder,
  LeaderElector,
  loadKubeConfig,
} from '@brickyard/common/kube';
import { handleShutdown, readConfigOrExit } from '@brickyard/common/lifecycle';
import { startHealthServer } from '@brickyard/common/observability';
import { createS3Client } from '@brickyard/common/storage';
import { IamClient } from '@brickyard/common/storage-credentials';
import { OPERATOR_NAME } from '@brickyard/common/vocabulary';
import { CoordinationV1Api, CoreV1Api } from '@kubernetes/client-node';
import { pino } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { ClusterMetrics } from './cluster/cluster-metrics.js';
import { createClusterController } from './cluster/controller.js';
import { RedisDemandReader } from './cluster/demand.js';
import { readOperatorConfig, runtimeEnvOf } from './config.js';
import { RedisAssignmentSender } from './instance-pool/assignment-sender.js';
import { createInstancePoolController } from './instance-pool/controller.js';
import { PoolMetrics } from './instance-pool/pool-metrics.js';
import { leaseName, shardLabelSelector } from './shard.js';
import { createWarehouseController } from './warehouse/controller.js';
import { createWorkspaceController } from './workspace/controller.js';
import { WorkspaceKeys } from './workspace/workspace-keys.js';

/** How long draining and releasing may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 25_000;
const WORKSPACE_WORKERS = 2;
const CLUSTER_WORKERS = 4;
const WAREHOUSE_WORKERS = 2;
const POOL_WORKERS = 2;

const config = readConfigOrExit(OPERATOR_NAME, () => readOperatorConfig());
const log = pino({ name: OPERATOR_NAME, level: config.logLevel });
const kubeConfig = loadKubeConfig(config.kubeconfig);
const s3 = createS3Client(config.s3);
const demand = new RedisDemandReader(config.redisUrl, log);
const assignments = new RedisAssignmentSender(config.redisUrl);
const identity = `${hostname()}_${randomUUID()}`;
const lease = leaseName(config.shard);
const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'brickyard_operator_' });
const metrics = createControllerMetrics(registry);
const clusterMetrics = new ClusterMetrics(registry);
const poolMetrics = new PoolMetrics(registry);
const events = new EventRecorder({
  core: kubeConfig.makeApiClient(CoreV1Api),
  component: OPERATOR_NAME,
  instance: identity,
  log,
});

const workspaceKeys = config.s3IamEndpoint
  ? new WorkspaceKeys(
      new IamClient({
        endpoint: config.s3IamEndpoint,
        region: config.s3.region,
        keys: { accessKeyId: config.s3.accessKeyId, secretAccessKey: config.s3.secretAccessKey },
      }),
      config.s3.bucket,
    )
  : undefined;

/** The controllers of the current term as leader; a new term gets new ones (fresh caches). */
let controllers: Controller[] = [];
/** Leadership changes run one after the other, so a term's controllers stop before the next start. */
let transitions = Promise.resolve();
function inTurn(step: () => Promise<void>): Promise<void> {
  transitions = transitions
    .then(step)
    .catch((error: unknown) => log.error({ err: error }, 'Failed to switch controllers'));
  return transitions;
}

function startControllers(): Promise<void> {
  return inTurn(async () => {
    const workspaceSelector = shardLabelSelector(config.shard);
    controllers = [
      createWorkspaceController({
        kubeConfig,
        s3,
        bucket: config.s3.bucket,
        workspaceSelector,
        workers: WORKSPACE_WORKERS,
        events,
        metrics,
        log,
        runtimeEnv: runtimeEnvOf(config),
        keys: workspaceKeys,
      }),
      createClusterController({
        kubeConfig,
        workspaceSelector,
        settings: config.clusters,
        demand,
        assignments,
        workers: CLUSTER_WORKERS,
        events,
        metrics,
        clusterMetrics,
        log,
      }),
      createInstancePoolController({
        kubeConfig,
        workspaceSelector,
        settings: config.clusters,
        workers: POOL_WORKERS,
        metrics,
        poolMetrics,
        log,
      }),
      createWarehouseController({
        kubeConfig,
        workspaceSelector,
        settings: config.warehouses,
        workers: WAREHOUSE_WORKERS,
        metrics,
        log,
      }),
    ];
    // Not awaited: a controller waits for its informers to sync, which must not hold up a stop.
    for (const controller of controllers) {
      controller.start().catch((error: unknown) => log.error({ err: error }, 'Failed to start controller'));
    }
  });
}

function stopControllers(): Promise<void> {
  return inTurn(async () => {
    const stopping = controllers;
    controllers = [];
    await Promise.all(stopping.map((controller) => controller.stop()));
    clusterMetrics.clear();
    poolMetrics.clear();
  });
}

const elector = new LeaderElector({
  api: kubeConfig.makeApiClient(CoordinationV1Api),
  namespace: config.leaseNamespace,
  name: lease,
  identity,
  log,
  onStartedLeading: () => void startControllers(),
  onStoppedLeading: () => void stopControllers(),
});

const server = await startHealthServer({
  host: config.host,
  port: config.port,
  registry,
  readiness: () => {
    const role = elector.role;
    const synced = controllers.length > 0 && controllers.every((controller) => controller.synced);
    return { ready: role === 'standby' || (role === 'leader' && synced), detail: { role, identity, lease } };
  },
});
elector.start();
log.info(
  {
    identity,
    lease,
    shard: config.shard ?? 'default',
    address: `${config.host}:${config.port}`,
    runtimeImage: config.clusters.runtimeImage,
  },
  'Started operator',
);

handleShutdown({
  log,
  graceMs: SHUTDOWN_GRACE_MS,
  stoppedMessage: 'Stopped operator',
  stop: async () => {
    // Keep renewing while the controllers drain, then hand the lease over at once.
    await stopControllers();
    await elector.stopAndRelease();
    await new Promise((resolve) => server.close(resolve));
    s3.destroy();
    await demand.close();
    assignments.close();
  },
});
