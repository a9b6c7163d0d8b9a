import { randomUUID } from 'node:crypto';
import type { ClusterResource } from '@brickyard/common/crd';
import { createS3Client, ObjectStore } from '@brickyard/common/storage';
import { ClusterAnnotations } from '@brickyard/common/vocabulary';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterPods,
  createShardWorkspace,
  newWorkspaceId,
  OperatorProcess,
  operatorKubeconfig,
  readCluster,
  releaseLease,
  removeWorkspace,
} from '../../bench/cluster/harness.js';
import { readSchedulerConfig } from '../../services/scheduler/src/config.js';
import { Scheduler } from '../../services/scheduler/src/scheduler.js';
import { TaskConsumer } from '../../services/worker/src/consumer/task-consumer.js';
import { ObjectStoreRuntimeStorage } from '../../services/worker/src/storage/object-store-runtime-storage.js';
import {
  kubeConfig as admin,
  ChildService,
  platform,
  quietLog,
  TestRedis,
  waitFor,
} from './scheduler-harness.js';
import { type ApiResponse, call } from './support/api-client.js';
import { freePort } from './support/free-port.js';

/**
 * Job clusters stay visible after their run, as on Databricks: a run on a job cluster goes to
 * SUCCESS, then clusters/get, /events and /list answer for its cluster (TERMINATED, JOB_FINISHED,
 * cluster_source JOB) while its pods are gone, clusters/start refuses it, and an operator with a
 * short BRICKYARD_JOB_CLUSTER_RETENTION_MS removes it.
 *
 * Everything that decides this runs from this checkout's sources, beside the platform's own
 * services: an operator of its own shard (cluster pods run brickyard/sleeper), the scheduler in
 * this process with a Redis of the test's own, the API as a child process on a port of its own
 * (the account admin token picks the test's workspace), and the runtime's queue consumer in this
 * process on the job cluster's queue.
 */

const shard = `itj-${randomUUID().slice(0, 8)}`;
const workspaceId = newWorkspaceId();
const accountToken = process.env.BRICKYARD_ACCOUNT_TOKEN ?? '';
const accountId = process.env.DATABRICKS_ACCOUNT_ID ?? '';
const OPERATOR_ENV = { BRICKYARD_RUNTIME_IMAGE: 'brickyard/sleeper' };
const s3 = createS3Client(platform.s3);
const store = new ObjectStore(s3, platform.s3.bucket);
const storage = new ObjectStoreRuntimeStorage(store);
let namespace = '';
let redis: TestRedis;
let kubeconfig: Awaited<ReturnType<typeof operatorKubeconfig>> | undefined;
let operator: OperatorProcess | undefined;
let scheduler: Scheduler | undefined;
let api: ChildService | undefined;
let apiHost = '';
let consumer: TaskConsumer | undefined;

interface Details {
  cluster_id: string;
  cluster_name?: string;
  state: string;
  state_message: string;
  cluster_source?: string;
  terminated_time?: number;
  termination_reason?: { code: string; type?: string };
}

function request<T = Record<string, unknown>>(
  method: string,
  path: string,
  options: { body?: unknown; query?: Record<string, string | string[]> } = {},
): Promise<ApiResponse<T>> {
  return call<T>(apiHost, method, path, {
    token: accountToken,
    headers: { 'x-databricks-org-id': String(workspaceId) },
    ...options,
  });
}

async function listed(sources?: string[]): Promise<string[]> {
  const response = await request<{ clusters?: Details[] }>('GET', '/api/2.1/clusters/list', {
    ...(sources ? { query: { 'filter_by.cluster_sources': sources } } : {}),
  });
  expect(response.status).toBe(200);
  return (response.body.clusters ?? []).map((cluster) => cluster.cluster_id);
}

async function startOperator(env: Record<string, string> = {}): Promise<OperatorProcess> {
  if (!kubeconfig) throw new Error('no operator kubeconfig');
  const started = await OperatorProcess.start({
    kubeconfig: kubeconfig.path,
    shard,
    env: { ...OPERATOR_ENV, REDIS_URL: redis.url, ...env },
  });
  await started.waitUntilLeading();
  return started;
}

beforeAll(async () => {
  if (!accountToken || !accountId) throw new Error("source .brickyard/env (written by 'make up') first");
  redis = await TestRedis.start();
  kubeconfig = await operatorKubeconfig(admin);
  operator = await startOperator();
  namespace = await createShardWorkspace(admin, shard, workspaceId);
  await storage.put(`workspaces/${workspaceId}/workspace/Users/it/ok.py`, 'print("ok")\n');

  scheduler = new Scheduler(
    readSchedulerConfig({
      REDIS_URL: redis.url,
      KUBECONFIG: platform.kubeconfig,
      BRICKYARD_SCHEDULER_WORKSPACES: String(workspaceId),
      BRICKYARD_SCHEDULER_LEASE_MS: '3000',
      BRICKYARD_SCHEDULER_POLL_MS: '300',
      BRICKYARD_SCHEDULER_RESYNC_MS: '2000',
    }),
    { log: quietLog, kubeConfig: admin, registry: new Registry() },
  );
  await scheduler.start();
  await waitFor('the scheduler to lead', () => scheduler?.isLeader && scheduler.ready);

  const port = await freePort();
  apiHost = `http://127.0.0.1:${port}`;
  api = ChildService.start('api', 'services/api/src/main.ts', {
    REDIS_URL: redis.url,
    KUBECONFIG: platform.kubeconfig,
    BRICKYARD_API_HOST: '127.0.0.1',
    BRICKYARD_API_PORT: String(port),
    BRICKYARD_ACCOUNT_ID: accountId,
    LOG_LEVEL: 'warn',
  });
  await waitFor(
    'the API to be ready',
    async () => (await fetch(`${apiHost}/readyz`).catch(() => undefined))?.ok || undefined,
    60_000,
    250,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; its log ends:\n${api?.logs().slice(-2_000)}`);
  });
}, 180_000);

afterAll(async () => {
  await consumer?.close();
  await scheduler?.stop();
  await api?.kill('SIGTERM');
  await operator?.stop('SIGTERM');
  await removeWorkspace(admin, workspaceId);
  await releaseLease(admin, shard);
  const keys = (await storage.list(`workspaces/${workspaceId}/`)).objects.map((object) => object.key);
  if (keys.length > 0) await store.root('').deleteMany(keys);
  s3.destroy();
  await redis?.stop();
  await kubeconfig?.remove();
}, 90_000);

describe('a job cluster after its run', () => {
  let clusterId = '';

  it('runs the job on its job cluster to SUCCESS', async () => {
    const submitted = await request<{ run_id: number }>('POST', '/api/2.1/jobs/runs/submit', {
      body: {
        run_name: 'job cluster stays',
        tasks: [
          { task_key: 'a', job_cluster_key: 'main', spark_python_task: { python_file: '/Users/it/ok.py' } },
        ],
        job_clusters: [
          {
            job_cluster_key: 'main',
            new_cluster: { spark_version: '19.3.x-no-spark-scala2.13', num_workers: 0 },
          },
        ],
      },
    });
    expect(submitted.status).toBe(200);
    const runId = submitted.body.run_id;
    const name = `run-${runId}-main`;
    clusterId = await waitFor('the job cluster in clusters/list', async () => {
      const response = await request<{ clusters?: Details[] }>('GET', '/api/2.1/clusters/list', {
        query: { 'filter_by.cluster_sources': ['JOB'] },
      });
      return response.body.clusters?.find((cluster) => cluster.cluster_name === name)?.cluster_id;
    });
    consumer = new TaskConsumer({
      config: {
        clusterId,
        workspaceId,
        redisUrl: redis.url,
        concurrency: 2,
        lockDurationMs: 5_000,
        stalledIntervalMs: 5_000,
        maxStalledCount: 2,
      },
      storage,
      log: quietLog,
    });
    await consumer.start();

    const run = await waitFor(
      `run ${runId} to end`,
      async () => {
        const response = await request<{
          state: { life_cycle_state: string; result_state?: string };
          tasks: { cluster_instance?: { cluster_id: string } }[];
        }>('GET', '/api/2.1/jobs/runs/get', { query: { run_id: String(runId) } });
        const state = response.body.state?.life_cycle_state;
        return state === 'TERMINATED' || state === 'INTERNAL_ERROR' || state === 'SKIPPED'
          ? response.body
          : undefined;
      },
      90_000,
      250,
    );
    expect(run.state.result_state).toBe('SUCCESS');
    expect(run.tasks[0]?.cluster_instance?.cluster_id).toBe(clusterId);
  }, 120_000);

  it('answers clusters/get: TERMINATED, termination_reason JOB_FINISHED (SUCCESS), cluster_source JOB', async () => {
    const details = await waitFor('clusters/get to show the terminated job cluster', async () => {
      const response = await request<Details>('GET', '/api/2.1/clusters/get', {
        query: { cluster_id: clusterId },
      });
      return response.status === 200 && response.body.state === 'TERMINATED' ? response.body : undefined;
    });
    expect(details).toMatchObject({
      cluster_id: clusterId,
      cluster_source: 'JOB',
      termination_reason: { code: 'JOB_FINISHED', type: 'SUCCESS' },
    });
    expect(details.terminated_time).toBeGreaterThan(Date.now() - 5 * 60_000);

    // Its pods are gone, so it costs nothing more.
    expect(await clusterPods(admin, namespace, clusterId)).toEqual([]);
    const resource = (await readCluster(admin, namespace, clusterId)) as ClusterResource;
    expect(resource.metadata.annotations?.[ClusterAnnotations.runFinished]).toBeDefined();
    expect(resource.status?.usage?.rate.instances).toBe(0);
  });

  it('answers clusters/events, ending with TERMINATING for JOB_FINISHED', async () => {
    const response = await request<{ events: { type: string; details?: { reason?: { code: string } } }[] }>(
      'POST',
      '/api/2.1/clusters/events',
      { body: { cluster_id: clusterId, order: 'ASC' } },
    );
    expect(response.status).toBe(200);
    const types = response.body.events.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['CREATING', 'RUNNING', 'TERMINATING']));
    expect(response.body.events.at(-1)).toMatchObject({
      type: 'TERMINATING',
      details: { reason: { code: 'JOB_FINISHED', type: 'SUCCESS' } },
    });
  });

  it('lists it by default and for cluster_sources JOB, not for UI and API only', async () => {
    expect(await listed()).toContain(clusterId);
    expect(await listed(['JOB'])).toContain(clusterId);
    expect(await listed(['UI', 'API'])).not.toContain(clusterId);
  });

  it('refuses clusters/start and clusters/restart of it', async () => {
    for (const action of ['start', 'restart']) {
      const response = await request<{ error_code: string; message: string }>(
        'POST',
        `/api/2.1/clusters/${action}`,
        { body: { cluster_id: clusterId } },
      );
      expect(response.status).toBe(400);
      expect(response.body.error_code).toBe('INVALID_PARAMETER_VALUE');
      expect(response.body.message).toMatch(/is a job cluster/);
    }
    const resource = (await readCluster(admin, namespace, clusterId)) as ClusterResource;
    expect(resource.spec.restartGeneration ?? 0).toBe(0);
    expect(resource.status?.state).toBe('TERMINATED');
  });

  it('is removed once the retention period (BRICKYARD_JOB_CLUSTER_RETENTION_MS) is over', async () => {
    await operator?.stop('SIGTERM');
    await releaseLease(admin, shard);
    operator = await startOperator({ BRICKYARD_JOB_CLUSTER_RETENTION_MS: '1000' });
    await waitFor(
      'the job cluster to be removed',
      async () => ((await readCluster(admin, namespace, clusterId)) ? undefined : true),
      30_000,
      250,
    );
    await waitFor('the API to forget it', async () => {
      const response = await request<{ error_code: string; message: string }>(
        'GET',
        '/api/2.1/clusters/get',
        {
          query: { cluster_id: clusterId },
        },
      );
      return response.status === 400 && /does not exist/.test(response.body.message) ? true : undefined;
    });
    expect(await listed()).not.toContain(clusterId);
  }, 90_000);
});
