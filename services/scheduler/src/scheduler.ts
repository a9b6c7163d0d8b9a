import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { RunStore } from '@brickyard/common/runs';
import { warehouseClusterId } from '@brickyard/common/warehouse-spec';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { ClusterDirectory } from './clusters/cluster-directory.js';
import type { SchedulerConfig } from './config.js';
import { ScheduleSync } from './cron/schedule-sync.js';
import { ClusterQueues } from './dispatch/cluster-queues.js';
import { LeaderLease } from './leader-lease.js';
import { createSchedulerMetrics, type SchedulerMetrics } from './metrics.js';
import { RUN_ID_LABEL } from './runs/compute.js';
import { RunOrchestrator } from './runs/run-orchestrator.js';
import { WarehouseDirectory } from './warehouses/warehouse-directory.js';
import { ServedWorkspaces } from './workspaces/served-workspaces.js';

/** What one term as leader runs: the run loop, the cluster queues, the job schedules. */
interface Term {
  orchestrator: RunOrchestrator;
  queues: ClusterQueues;
  schedules: ScheduleSync;
}

export interface SchedulerDeps {
  log: Logger;
  kubeConfig: KubeConfig;
  registry: Registry;
}

/**
 * The scheduler process minus its HTTP endpoints: a Cluster informer, a leader lease per shard,
 * and, while leading, the run orchestrator, the per-cluster queues and the job schedules.
 */
export class Scheduler {
  readonly identity = `${hostname()}_${randomUUID()}`;
  readonly metrics: SchedulerMetrics;
  private readonly redis: Redis;
  private readonly runs: RunStore;
  private readonly clusters: ClusterDirectory;
  private readonly warehouses: WarehouseDirectory;
  private readonly served: ServedWorkspaces;
  private readonly lease: LeaderLease;
  private term: Term | undefined;
  private transitions: Promise<void> = Promise.resolve();
  private clustersSynced = false;

  constructor(
    private readonly config: SchedulerConfig,
    private readonly deps: SchedulerDeps,
  ) {
    this.metrics = createSchedulerMetrics(deps.registry);
    this.redis = createRedisConnection(config.redisUrl);
    this.redis.on('error', (error: unknown) => deps.log.debug({ err: error }, 'Redis connection failed'));
    this.runs = new RunStore(this.redis);
    this.clusters = new ClusterDirectory(deps.kubeConfig, deps.log);
    this.warehouses = new WarehouseDirectory(deps.kubeConfig, deps.log);
    this.served = new ServedWorkspaces({
      kubeConfig: deps.kubeConfig,
      shard: config.shard,
      only: config.workspaces,
      log: deps.log,
    });
    this.clusters.onChange((cluster) =>
      this.term?.orchestrator.onClusterChange(
        cluster.metadata.name ?? '',
        cluster.metadata.labels?.[RUN_ID_LABEL],
      ),
    );
    // Tasks on a warehouse wait for its compute: a change of the warehouse concerns them too.
    this.warehouses.onChange((warehouse) =>
      this.term?.orchestrator.onClusterChange(warehouseClusterId(warehouse.metadata.name ?? ''), undefined),
    );
    this.lease = new LeaderLease({
      redis: this.redis,
      key: `brickyard:scheduler:leader:${config.shard}`,
      identity: this.identity,
      ttlMs: config.leaseTtlMs,
      log: deps.log,
      onStartedLeading: () => void this.inTurn(() => this.startTerm()),
      onStoppedLeading: () => void this.inTurn(() => this.stopTerm()),
    });
  }

  get isLeader(): boolean {
    return this.lease.isLeader;
  }

  get ready(): boolean {
    return this.clustersSynced && this.redis.status === 'ready';
  }

  get activeRuns(): number {
    return this.term?.orchestrator.activeRuns ?? 0;
  }

  /** Redis must never evict queue or run keys (BullMQ's one safe setting). */
  private async checkEvictionPolicy(): Promise<void> {
    let policy: string | undefined;
    try {
      policy = ((await this.redis.config('GET', 'maxmemory-policy')) as string[])[1];
    } catch (error) {
      this.deps.log.warn({ err: error }, 'Cannot read maxmemory-policy; make sure it is noeviction');
      return;
    }
    if (policy !== undefined && policy !== 'noeviction') {
      throw new Error(`Redis maxmemory-policy is ${policy}; the scheduler needs noeviction`);
    }
  }

  async start(): Promise<void> {
    await this.runs.start();
    await this.checkEvictionPolicy();
    await this.served.start();
    await this.clusters.start();
    await this.warehouses.start();
    void Promise.all([this.clusters.synced, this.warehouses.synced]).then(() => {
      this.clustersSynced = true;
    });
    this.lease.start();
  }

  private inTurn(step: () => Promise<void>): Promise<void> {
    this.transitions = this.transitions
      .then(step)
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'Failed to switch leadership'));
    return this.transitions;
  }

  private async startTerm(): Promise<void> {
    const { log, kubeConfig } = this.deps;
    const { config, metrics } = this;
    let orchestrator: RunOrchestrator | undefined;
    const queues = new ClusterQueues({
      redis: this.redis,
      redisUrl: config.redisUrl,
      log,
      retentionSeconds: config.finishedJobRetentionSeconds,
      onJobEvent: (clusterId, jobId) => orchestrator?.onJobEvent(clusterId, jobId),
      queueDepth: metrics.clusterQueueDepth,
    });
    orchestrator = new RunOrchestrator({
      redis: this.redis,
      redisUrl: config.redisUrl,
      runs: this.runs,
      clusters: this.clusters,
      warehouses: this.warehouses,
      queues,
      metrics,
      log,
      workers: config.reconcileWorkers,
      serves: (workspaceId) => this.served.has(workspaceId),
      pollIntervalMs: config.pollIntervalMs,
      resyncIntervalMs: config.resyncIntervalMs,
      plan: {
        clusterStartTimeoutMs: config.clusterStartTimeoutMs,
        stopGraceMs: config.stopGraceMs,
        timeoutGraceMs: config.timeoutGraceMs,
        cleanupGraceMs: config.cleanupGraceMs,
      },
    });
    const schedules = new ScheduleSync({
      redis: this.redis,
      redisUrl: config.redisUrl,
      kubeConfig,
      runs: this.runs,
      apiUrl: config.apiUrl,
      metrics,
      log,
      serves: (workspaceId) => this.served.has(workspaceId),
    });
    this.term = { orchestrator, queues, schedules };
    metrics.leader.set(1);
    await orchestrator.start();
    await schedules.start();
  }

  private async stopTerm(): Promise<void> {
    const term = this.term;
    this.term = undefined;
    this.metrics.leader.set(0);
    if (!term) return;
    await term.schedules
      .stop()
      .catch((error: unknown) => this.deps.log.warn({ err: error }, 'Failed to stop schedules'));
    await term.orchestrator.stop();
    await term.queues.close();
  }

  async stop(): Promise<void> {
    await this.lease.stopAndRelease();
    await this.transitions;
    await this.clusters.stop();
    await this.warehouses.stop();
    await this.served.stop();
    await this.runs.stop();
  }
}
