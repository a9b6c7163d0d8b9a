import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClusterResource } from '@brickyard/common/crd';
import { toCamelCase } from '@brickyard/common/crd';
import { loadKubeConfig, mergePatch } from '@brickyard/common/kube';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import {
  isTerminal,
  type NewRun,
  newRunRecord,
  type RunRecord,
  type RunSettings,
  RunStore,
} from '@brickyard/common/runs';
import type { Task } from '@brickyard/common/schema';
import { ClusterSpec } from '@brickyard/common/schema';
import { createS3Client, ObjectStore } from '@brickyard/common/storage';
import {
  API_VERSION,
  GROUP,
  Labels,
  MANAGED_BY,
  SHARD_LABEL,
  VERSION,
  workspaceNamespace,
} from '@brickyard/common/vocabulary';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { TaskConsumer } from '../../services/worker/src/consumer/task-consumer.js';
import { ObjectStoreRuntimeStorage } from '../../services/worker/src/storage/object-store-runtime-storage.js';
import { freePort } from './support/free-port.js';
import { sourceEntry } from './support/source-entry.js';

/**
 * What the scheduler's integration tests share: a Redis of their own (started here, AOF on, so
 * the platform's Redis and any scheduler running on it are never touched), a throwaway workspace
 * id with its namespace and Cluster resources whose status the tests set (playing the cluster
 * controller, which does not serve namespaces without a Workspace), files in the object store,
 * and the scheduler and runtime as child processes or in process.
 */

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const platform = readPlatformEnv();
export const kubeConfig = loadKubeConfig(platform.kubeconfig);
export const customObjects = kubeConfig.makeApiClient(CustomObjectsApi);
const core = kubeConfig.makeApiClient(CoreV1Api);
export const quietLog = pino({ level: process.env.LOG_LEVEL ?? 'silent' });

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(intervalMs);
  }
}

/** A redis-server of the test's own: AOF every second, no eviction, like the platform's. */
export class TestRedis {
  private child: ChildProcess | undefined;
  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  static async start(): Promise<TestRedis> {
    const redis = new TestRedis(await freePort(), await mkdtemp(join(tmpdir(), 'brickyard-it-redis-')));
    await redis.launch();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  private async launch(): Promise<void> {
    this.child = spawn(
      'redis-server',
      [
        '--bind',
        '127.0.0.1',
        '--port',
        String(this.port),
        '--dir',
        this.dir,
        '--daemonize',
        'no',
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    const probe = new Redis(this.port, '127.0.0.1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => undefined);
    await waitFor('redis-server to answer', async () => {
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        probe.disconnect();
        return undefined;
      }
    });
    probe.disconnect();
  }

  /** SHUTDOWN (the AOF is flushed), then the same server again on the same port and files. */
  async restart(downMs = 1_000): Promise<void> {
    await this.shutdown();
    await sleep(downMs);
    await this.launch();
  }

  async shutdown(): Promise<void> {
    const client = new Redis(this.port, '127.0.0.1', { maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    const exited = new Promise((resolve) => this.child?.once('exit', resolve));
    await client.shutdown('SAVE').catch(() => undefined);
    client.disconnect();
    await exited;
    this.child = undefined;
  }

  async stop(): Promise<void> {
    if (this.child) await this.shutdown().catch(() => this.child?.kill('SIGKILL'));
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** A workspace id no one else uses, its namespace, its files in the object store. */
export class TestWorkspace {
  readonly id = 7_000_000_000_000 + randomInt(1_000_000_000);
  readonly namespace = workspaceNamespace(this.id);
  readonly s3 = createS3Client(platform.s3);
  readonly store = new ObjectStore(this.s3, platform.s3.bucket);
  readonly storage = new ObjectStoreRuntimeStorage(this.store);
  readonly shard = 'it-scheduler';

  async create(): Promise<void> {
    await core.createNamespace({
      body: {
        metadata: {
          name: this.namespace,
          // The workspace label admits Clusters and Jobs into the namespace.
          labels: { [Labels.managedBy]: 'brickyard-it', [Labels.workspaceId]: String(this.id) },
        },
      },
    });
  }

  async putWorkspaceFile(path: string, text: string): Promise<void> {
    await this.storage.put(`workspaces/${this.id}/workspace${path}`, text);
  }

  async putNotebook(path: string, cells: string[]): Promise<void> {
    await this.putWorkspaceFile(
      path,
      `# Databricks notebook source\n${cells.join('\n\n# COMMAND ----------\n\n')}\n`,
    );
  }

  async readDbfs(path: string): Promise<Buffer | undefined> {
    return this.storage.get(`workspaces/${this.id}/dbfs${path}`);
  }

  /** A Cluster resource in the workspace, with the given state set on its status. */
  async createCluster(
    clusterId: string,
    state: 'RUNNING' | 'TERMINATED' | 'PENDING',
    sparkEnvVars?: Record<string, string>,
  ): Promise<void> {
    const spec: ClusterSpec = {
      spark_version: '19.3.x-no-spark-scala2.13',
      num_workers: 0,
      desired_state: state === 'TERMINATED' ? 'TERMINATED' : 'RUNNING',
      cluster_source: 'API',
      ...(sparkEnvVars ? { spark_env_vars: sparkEnvVars } : {}),
    };
    const resource: ClusterResource = {
      apiVersion: API_VERSION,
      kind: 'Cluster',
      metadata: {
        name: clusterId,
        namespace: this.namespace,
        labels: {
          [Labels.managedBy]: MANAGED_BY,
          [Labels.workspaceId]: String(this.id),
          [Labels.clusterId]: clusterId,
          [SHARD_LABEL]: this.shard,
        },
      },
      spec: toCamelCase(spec, ClusterSpec),
    };
    await customObjects.createNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      plural: 'clusters',
      namespace: this.namespace,
      body: resource,
    });
    await this.setClusterState(clusterId, state);
  }

  async getCluster(clusterId: string): Promise<ClusterResource | undefined> {
    try {
      return (await customObjects.getNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        plural: 'clusters',
        namespace: this.namespace,
        name: clusterId,
      })) as ClusterResource;
    } catch {
      return undefined;
    }
  }

  async listClusters(): Promise<ClusterResource[]> {
    const list = (await customObjects.listNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      plural: 'clusters',
      namespace: this.namespace,
    })) as { items: ClusterResource[] };
    return list.items;
  }

  async setClusterState(clusterId: string, state: string): Promise<void> {
    await customObjects.patchNamespacedCustomObjectStatus(
      {
        group: GROUP,
        version: VERSION,
        plural: 'clusters',
        namespace: this.namespace,
        name: clusterId,
        body: { status: { state } },
      },
      mergePatch,
    );
  }

  async cleanUp(): Promise<void> {
    await core.deleteNamespace({ name: this.namespace }).catch(() => undefined);
    const keys = (await this.storage.list(`workspaces/${this.id}/`)).objects.map((object) => object.key);
    if (keys.length > 0) await this.store.root('').deleteMany(keys);
    this.s3.destroy();
  }
}

/** A cluster id in the Databricks form, unique enough for a test. */
export function testClusterId(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const suffix = Array.from({ length: 8 }, () => letters[randomInt(letters.length)]).join('');
  return `0101-000000-${suffix}`;
}

export interface SubmitOptions {
  settings?: RunSettings;
  jobId?: number;
  extra?: Partial<NewRun>;
}

/** Submits a run as the API does (the run store's one script), returning its id. */
export async function submitRun(
  runs: RunStore,
  workspaceId: number,
  tasks: Task[],
  options: SubmitOptions = {},
): Promise<RunRecord> {
  const result = await runs.submit(tasks.length, (runId, taskRunIds) =>
    newRunRecord({
      workspaceId,
      host: 'http://127.0.0.1:18080',
      runId,
      taskRunIds,
      now: Date.now(),
      creatorUserName: 'it@brickyard.dev',
      runAsUserName: 'it@brickyard.dev',
      ...(options.jobId !== undefined ? { jobId: options.jobId } : {}),
      runName: 'it',
      runType: options.jobId !== undefined ? 'JOB_RUN' : 'SUBMIT_RUN',
      trigger: 'ONE_TIME',
      tasks,
      settings: options.settings ?? {},
      ...options.extra,
    }),
  );
  if (!result.created) throw new Error('run was not created');
  return result.run;
}

export async function waitForRun(
  runs: RunStore,
  runId: number,
  done: (run: RunRecord) => boolean = (run) => isTerminal(run.state.life_cycle_state),
  timeoutMs = 45_000,
): Promise<RunRecord> {
  return waitFor(
    `run ${runId}`,
    async () => {
      const run = (await runs.get(runId))?.record;
      return run && done(run) ? run : undefined;
    },
    timeoutMs,
  );
}

/** A connection of the test's own, quiet while Redis restarts. */
export function testConnection(url: string): Redis {
  const connection = createRedisConnection(url);
  connection.on('error', () => undefined);
  return connection;
}

export function newRunStore(url: string): RunStore {
  return new RunStore(testConnection(url));
}

/** A runtime queue consumer in this process, bound to a cluster. */
export async function startConsumer(
  workspace: TestWorkspace,
  redisUrl: string,
  clusterId: string,
  extra: Partial<ConstructorParameters<typeof TaskConsumer>[0]> = {},
): Promise<TaskConsumer> {
  const consumer = new TaskConsumer({
    config: {
      clusterId,
      workspaceId: workspace.id,
      redisUrl,
      concurrency: 4,
      lockDurationMs: 5_000,
      stalledIntervalMs: 5_000,
      maxStalledCount: 2,
    },
    storage: workspace.storage,
    log: quietLog,
    ...extra,
  });
  await consumer.start();
  return consumer;
}

/** A child process running one of our entry points with tsx. */
export class ChildService {
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 2_000) this.output.splice(0, 1_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static start(name: string, entry: string, env: Record<string, string>): ChildService {
    const child = spawn(process.execPath, sourceEntry(entry), {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    return new ChildService(name, child);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Kills the process group (the service and the Python processes it started). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      this.child.kill(signal);
    }
    await this.exited;
  }

  logs(): string {
    return this.output.join('');
  }
}

export function startScheduler(
  redisUrl: string,
  workspaceId: number,
  port: number,
  env: Record<string, string> = {},
) {
  return ChildService.start('scheduler', 'services/scheduler/src/main.ts', {
    REDIS_URL: redisUrl,
    KUBECONFIG: platform.kubeconfig,
    BRICKYARD_SCHEDULER_PORT: String(port),
    BRICKYARD_SCHEDULER_WORKSPACES: String(workspaceId),
    BRICKYARD_SCHEDULER_LEASE_MS: '3000',
    BRICKYARD_SCHEDULER_POLL_MS: '500',
    BRICKYARD_SCHEDULER_RESYNC_MS: '2000',
    ...env,
  });
}

export function startRuntime(
  redisUrl: string,
  workspaceId: number,
  clusterId: string,
  env: Record<string, string> = {},
) {
  return ChildService.start('runtime', 'services/worker/src/main.ts', {
    REDIS_URL: redisUrl,
    BRICKYARD_CLUSTER_ID: clusterId,
    BRICKYARD_WORKSPACE_ID: String(workspaceId),
    BRICKYARD_ROLE: 'worker',
    BRICKYARD_WORKER_LOCK_MS: '4000',
    BRICKYARD_WORKER_STALLED_INTERVAL_MS: '2000',
    ...env,
  });
}
