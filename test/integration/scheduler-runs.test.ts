import { toCamelCase } from '@brickyard/common/crd';
import type { RunRecord, RunStore } from '@brickyard/common/runs';
import { RunKeys } from '@brickyard/common/runs';
import { JobSpec, type Task } from '@brickyard/common/schema';
import {
  API_VERSION,
  ClusterAnnotations,
  clusterDemandKey,
  GROUP,
  Labels,
  VERSION,
} from '@brickyard/common/vocabulary';
import { Queue } from 'bullmq';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSchedulerConfig } from '../../services/scheduler/src/config.js';
import { SCHEDULES_QUEUE } from '../../services/scheduler/src/cron/schedule-sync.js';
import { RUN_ID_LABEL } from '../../services/scheduler/src/runs/compute.js';
import { Scheduler } from '../../services/scheduler/src/scheduler.js';
import type { TaskConsumer } from '../../services/worker/src/consumer/task-consumer.js';
import {
  customObjects,
  kubeConfig,
  newRunStore,
  platform,
  quietLog,
  startConsumer,
  submitRun,
  TestRedis,
  TestWorkspace,
  testClusterId,
  testConnection,
  waitFor,
  waitForRun,
} from './scheduler-harness.js';

/**
 * The scheduler in this process, with runtime consumers in this process, against a Redis of the
 * test's own, the platform's apiserver and S3 store: runs go from the queue to their end the way
 * they do on the platform, through the real task executors.
 */

const workspace = new TestWorkspace();
const cluster = testClusterId();
const CSV = 'id,name,amount\n1,ada,10.5\n2,grace,20\n3,linus,7.25\n';
let redis: TestRedis;
let runs: RunStore;
let scheduler: Scheduler;
const consumers: TaskConsumer[] = [];

function task(key: string, fields: Partial<Task>): Task {
  return { task_key: key, existing_cluster_id: cluster, ...fields };
}

const sleeper = (seconds: number) => ({ notebook_task: { notebook_path: `/Users/it/sleep-${seconds}` } });

async function runToEnd(tasks: Task[], options: Parameters<typeof submitRun>[3] = {}, timeoutMs = 45_000) {
  const run = await submitRun(runs, workspace.id, tasks, options);
  return waitForRun(runs, run.run_id, undefined, timeoutMs);
}

function taskOf(run: RunRecord, key: string) {
  const found = run.tasks.find((candidate) => candidate.task_key === key);
  if (!found) throw new Error(`no task ${key}`);
  return found;
}

beforeAll(async () => {
  redis = await TestRedis.start();
  runs = newRunStore(redis.url);
  await workspace.create();
  await workspace.createCluster(cluster, 'RUNNING', { GREETING: 'hello from the cluster' });
  await workspace.storage.put(`workspaces/${workspace.id}/dbfs/it/people.csv`, CSV);
  await workspace.putWorkspaceFile('/Users/it/ok.py', 'print("ok")');
  for (const seconds of [3, 30]) {
    await workspace.putNotebook(`/Users/it/sleep-${seconds}`, [
      `import time\nprint("sleeping", flush=True)\ntime.sleep(${seconds})`,
    ]);
  }
  const config = readSchedulerConfig({
    REDIS_URL: redis.url,
    KUBECONFIG: platform.kubeconfig,
    BRICKYARD_SCHEDULER_WORKSPACES: String(workspace.id),
    BRICKYARD_SCHEDULER_LEASE_MS: '3000',
    BRICKYARD_SCHEDULER_POLL_MS: '300',
    BRICKYARD_SCHEDULER_RESYNC_MS: '2000',
    BRICKYARD_SCHEDULER_CLUSTER_START_TIMEOUT_MS: '6000',
    BRICKYARD_SCHEDULER_STOP_GRACE_MS: '15000',
    BRICKYARD_SCHEDULER_TIMEOUT_GRACE_MS: '3000',
  });
  scheduler = new Scheduler(config, { log: quietLog, kubeConfig, registry: new Registry() });
  await scheduler.start();
  await waitFor('the scheduler to lead', () => scheduler.isLeader && scheduler.ready);
  consumers.push(await startConsumer(workspace, redis.url, cluster));
}, 60_000);

afterAll(async () => {
  await Promise.all(consumers.map((consumer) => consumer.close()));
  await scheduler?.stop();
  await runs?.stop();
  await redis?.stop();
  await workspace.cleanUp();
}, 60_000);

describe('the scheduler', () => {
  it('runs a three-task DAG: a notebook reads a CSV, SQL writes Parquet, Python reads it', async () => {
    await workspace.putNotebook('/Users/it/ingest', [
      'dbutils.widgets.text("path", "dbfs:/nothing")',
      'rows = len(dbutils.fs.head(dbutils.widgets.get("path")).strip().splitlines()) - 1\ndbutils.jobs.taskValues.set("rows", rows)\nprint("env", dbutils.widgets.get("env"))',
      'dbutils.notebook.exit(f"rows={rows}")',
    ]);
    await workspace.putWorkspaceFile(
      '/Users/it/load.sql',
      "COPY (SELECT * FROM read_csv('dbfs:/it/people.csv') WHERE amount >= {{min_amount}}) TO 'dbfs:/it/out/people.parquet' (FORMAT parquet);",
    );
    await workspace.putWorkspaceFile(
      '/Users/it/report.py',
      [
        'import os, sys, brickyard',
        'n = brickyard.sql("SELECT count(*) AS n FROM \'dbfs:/it/out/people.parquet\'")[0]["n"]',
        'print("args", sys.argv[1:], "parquet rows", n, "csv rows", dbutils.jobs.taskValues.get("ingest", "rows"))',
        'print(os.environ.get("GREETING"))',
      ].join('\n'),
    );
    const run = await runToEnd(
      [
        task('ingest', {
          notebook_task: { notebook_path: '/Users/it/ingest', base_parameters: { path: 'dbfs:/nowhere' } },
        }),
        task('load', {
          depends_on: [{ task_key: 'ingest' }],
          sql_task: { file: { path: '/Users/it/load.sql' }, parameters: { min_amount: '0' } },
        }),
        task('report', {
          depends_on: [{ task_key: 'load' }],
          spark_python_task: { python_file: '/Users/it/report.py', parameters: ['--x'] },
        }),
      ],
      {
        jobId: 101,
        settings: { max_concurrent_runs: 10 },
        extra: {
          jobParameters: [{ name: 'env', default: 'dev', value: 'it' }],
          overridingParameters: {
            notebook_params: { path: 'dbfs:/it/people.csv' },
            sql_params: { min_amount: '10' },
          },
        },
      },
    );
    expect(run.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'SUCCESS' });
    expect(run.tasks.map((t) => [t.task_key, t.state.result_state, t.attempt_number])).toEqual([
      ['ingest', 'SUCCESS', 0],
      ['load', 'SUCCESS', 0],
      ['report', 'SUCCESS', 0],
    ]);
    for (const t of run.tasks) {
      expect(t.cluster_instance).toEqual({ cluster_id: cluster });
      expect(t.start_time).toBeGreaterThanOrEqual(run.start_time);
      expect(t.end_time).toBeGreaterThanOrEqual(t.start_time + t.execution_duration);
    }
    expect(taskOf(run, 'load').start_time).toBeGreaterThanOrEqual(taskOf(run, 'ingest').end_time);
    expect(await runs.output(taskOf(run, 'ingest').run_id)).toMatchObject({
      notebook_output: { result: 'rows=3', truncated: false },
      logs: 'env it\n',
    });
    expect((await runs.output(taskOf(run, 'report').run_id))?.logs).toBe(
      "args ['--x'] parquet rows 2 csv rows 3\nhello from the cluster\n",
    );
    expect((await workspace.readDbfs('/it/out/people.parquet'))?.subarray(0, 4).toString()).toBe('PAR1');
  });

  it('retries a failing task until it succeeds, as new attempts', async () => {
    await workspace.putWorkspaceFile(
      '/Users/it/flaky.py',
      [
        'import brickyard',
        'try:',
        '    n = int(brickyard.read_text("dbfs:/it/flaky/count"))',
        'except Exception:',
        '    n = 0',
        'dbutils.fs.put("dbfs:/it/flaky/count", str(n + 1), True)',
        'if n < 2:',
        '    raise RuntimeError(f"attempt {n} fails")',
        'print("finally")',
      ].join('\n'),
    );
    const run = await runToEnd([
      task('flaky', {
        spark_python_task: { python_file: '/Users/it/flaky.py' },
        max_retries: 3,
        min_retry_interval_millis: 300,
      }),
    ]);
    expect(run.state.result_state).toBe('SUCCESS');
    expect(run.tasks[0]?.attempt_number).toBe(2);
    expect((await runs.output(run.tasks[0]?.run_id ?? 0))?.logs).toContain('finally');
  });

  it('fails a run whose task keeps failing, skips what depends on it and runs the failure handlers', async () => {
    await workspace.putWorkspaceFile('/Users/it/fails.py', 'raise ValueError("boom")');
    const run = await runToEnd([
      task('bad', { spark_python_task: { python_file: '/Users/it/fails.py' }, max_retries: 1 }),
      task('after', {
        depends_on: [{ task_key: 'bad' }],
        spark_python_task: { python_file: '/Users/it/ok.py' },
      }),
      task('cleanup', {
        depends_on: [{ task_key: 'bad' }],
        run_if: 'ALL_DONE',
        spark_python_task: { python_file: '/Users/it/ok.py' },
      }),
      task('alert', {
        depends_on: [{ task_key: 'bad' }],
        run_if: 'AT_LEAST_ONE_FAILED',
        spark_python_task: { python_file: '/Users/it/ok.py' },
      }),
      task('happy', {
        depends_on: [{ task_key: 'cleanup' }],
        run_if: 'ALL_FAILED',
        spark_python_task: { python_file: '/Users/it/ok.py' },
      }),
    ]);
    expect(run.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'FAILED' });
    expect(run.state.state_message).toBe('Task bad failed with message: ValueError: boom.');
    expect(Object.fromEntries(run.tasks.map((t) => [t.task_key, t.state.result_state]))).toEqual({
      bad: 'FAILED',
      after: 'UPSTREAM_FAILED',
      cleanup: 'SUCCESS',
      alert: 'SUCCESS',
      happy: 'EXCLUDED',
    });
    expect(taskOf(run, 'bad').attempt_number).toBe(1);
    expect(await runs.output(taskOf(run, 'bad').run_id)).toMatchObject({ error: 'ValueError: boom' });
  });

  it('stops a task at its timeout_seconds: TIMEDOUT', async () => {
    const started = Date.now();
    const run = await runToEnd([task('slow', { ...sleeper(30), timeout_seconds: 2 })]);
    expect(run.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'TIMEDOUT' });
    expect(run.tasks[0]?.state.result_state).toBe('TIMEDOUT');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('times out the whole run at the job timeout_seconds', async () => {
    const run = await runToEnd([task('slow', sleeper(30))], { settings: { timeout_seconds: 2 } });
    expect(run.state).toMatchObject({ result_state: 'TIMEDOUT', user_cancelled_or_timedout: true });
  });

  it('cancels a running run on cancel_requested, as runs/cancel marks it', async () => {
    const submitted = await submitRun(runs, workspace.id, [
      task('slow', sleeper(30)),
      task('next', { depends_on: [{ task_key: 'slow' }], ...sleeper(3) }),
    ]);
    await waitForRun(runs, submitted.run_id, (run) => run.tasks[0]?.state.life_cycle_state === 'RUNNING');
    const asked = Date.now();
    await runs.update(submitted.run_id, (run) => ({ ...run, cancel_requested: true }));
    const run = await waitForRun(runs, submitted.run_id);
    expect(Date.now() - asked).toBeLessThan(8_000);
    expect(run.state).toMatchObject({
      life_cycle_state: 'TERMINATED',
      result_state: 'CANCELED',
      user_cancelled_or_timedout: true,
    });
    expect(run.tasks.map((t) => t.state.result_state)).toEqual(['CANCELED', 'CANCELED']);
  });

  it('queues the runs of a job beyond max_concurrent_runs, and runs them one after the other', async () => {
    const settings = { max_concurrent_runs: 1, queue: { enabled: true } };
    const first = await submitRun(runs, workspace.id, [task('a', sleeper(3))], { jobId: 202, settings });
    const second = await submitRun(runs, workspace.id, [task('a', sleeper(3))], { jobId: 202, settings });
    const waiting = await waitForRun(runs, second.run_id, (run) => run.state.queue_reason !== undefined);
    expect(waiting.state.life_cycle_state).toBe('QUEUED');
    expect(waiting.status.queue_details?.code).toBe('MAX_CONCURRENT_RUNS_REACHED');
    const [a, b] = await Promise.all([waitForRun(runs, first.run_id), waitForRun(runs, second.run_id)]);
    expect([a.state.result_state, b.state.result_state]).toEqual(['SUCCESS', 'SUCCESS']);
    expect(b.tasks[0]?.start_time).toBeGreaterThanOrEqual(a.end_time - 50);
  });

  it('skips runs beyond max_concurrent_runs when the job does not queue', async () => {
    const settings = { max_concurrent_runs: 1 };
    const first = await submitRun(runs, workspace.id, [task('a', sleeper(3))], { jobId: 303, settings });
    await waitForRun(runs, first.run_id, (run) => run.state.life_cycle_state !== 'QUEUED');
    const second = await submitRun(runs, workspace.id, [task('a', sleeper(3))], { jobId: 303, settings });
    const skipped = await waitForRun(runs, second.run_id);
    expect(skipped.state).toMatchObject({
      life_cycle_state: 'SKIPPED',
      result_state: 'MAXIMUM_CONCURRENT_RUNS_REACHED',
    });
    expect((await waitForRun(runs, first.run_id)).state.result_state).toBe('SUCCESS');
  });

  it('starts a terminated cluster a task needs, and runs the task once it is RUNNING', async () => {
    const stopped = testClusterId();
    await workspace.createCluster(stopped, 'TERMINATED');
    const submitted = await submitRun(runs, workspace.id, [
      { task_key: 'a', existing_cluster_id: stopped, spark_python_task: { python_file: '/Users/it/ok.py' } },
    ]);
    const pending = await waitForRun(
      runs,
      submitted.run_id,
      (run) => run.state.life_cycle_state === 'PENDING',
    );
    expect(pending.tasks[0]?.state.state_message).toBe(`Waiting for cluster ${stopped} to be ready.`);
    await waitFor(
      'the cluster to be started',
      async () => (await workspace.getCluster(stopped))?.spec.desiredState === 'RUNNING',
    );
    // Play the cluster controller: the cluster comes up, its runtime consumes the queue.
    await workspace.setClusterState(stopped, 'RUNNING');
    consumers.push(await startConsumer(workspace, redis.url, stopped));
    const run = await waitForRun(runs, submitted.run_id);
    expect(run.state.result_state).toBe('SUCCESS');
    expect(run.tasks[0]?.setup_duration).toBeGreaterThan(0);
  });

  it('ends a run INTERNAL_ERROR when its cluster does not exist or never starts', async () => {
    const missing = await runToEnd([
      { task_key: 'a', existing_cluster_id: '0101-000000-nosuchcl', ...sleeper(3) },
    ]);
    expect(missing.state).toMatchObject({ life_cycle_state: 'INTERNAL_ERROR', result_state: 'FAILED' });
    expect(missing.status.termination_details).toMatchObject({ code: 'RESOURCE_NOT_FOUND' });

    const stuck = testClusterId();
    await workspace.createCluster(stuck, 'PENDING');
    const never = await runToEnd([{ task_key: 'a', existing_cluster_id: stuck, ...sleeper(3) }]);
    expect(never.state.life_cycle_state).toBe('INTERNAL_ERROR');
    expect(never.status.termination_details).toMatchObject({ code: 'CLUSTER_ERROR', type: 'INTERNAL_ERROR' });
  });

  it('retries an attempt whose cluster was terminated under it, on the cluster started again', async () => {
    const fragile = testClusterId();
    await workspace.createCluster(fragile, 'RUNNING');
    const first = await startConsumer(workspace, redis.url, fragile);
    const submitted = await submitRun(runs, workspace.id, [
      { task_key: 'a', existing_cluster_id: fragile, ...sleeper(3), max_retries: 1 },
    ]);
    await waitForRun(runs, submitted.run_id, (run) => run.tasks[0]?.state.life_cycle_state === 'RUNNING');
    // The cluster is terminated: its processes go away with the attempt they ran.
    await customObjects.patchNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      plural: 'clusters',
      namespace: workspace.namespace,
      name: fragile,
      body: [{ op: 'replace', path: '/spec/desiredState', value: 'TERMINATED' }],
    });
    await workspace.setClusterState(fragile, 'TERMINATED');
    void first.close(0);
    const retrying = await waitForRun(
      runs,
      submitted.run_id,
      (run) => run.tasks[0]?.attempt_number === 1,
      40_000,
    );
    expect(retrying.tasks[0]?.state.life_cycle_state).toBe('PENDING');
    await waitFor('the cluster to be started again', async () =>
      (await workspace.getCluster(fragile))?.spec.desiredState === 'RUNNING' ? true : undefined,
    );
    await workspace.setClusterState(fragile, 'RUNNING');
    consumers.push(await startConsumer(workspace, redis.url, fragile));
    const run = await waitForRun(runs, submitted.run_id);
    expect(run.state.result_state).toBe('SUCCESS');
    expect(run.tasks[0]?.attempt_number).toBe(1);
  });

  it('creates a job cluster for the run, and marks it finished for the operator to terminate when the run ends', async () => {
    const submitted = await submitRun(
      runs,
      workspace.id,
      [{ task_key: 'a', job_cluster_key: 'main', spark_python_task: { python_file: '/Users/it/ok.py' } }],
      {
        extra: {
          jobClusters: [
            {
              job_cluster_key: 'main',
              new_cluster: { spark_version: '19.3.x-no-spark-scala2.13', num_workers: 1 },
            },
          ],
        },
      },
    );
    const created = await waitFor('the job cluster', async () =>
      (await workspace.listClusters()).find(
        (c) => c.metadata.labels?.[RUN_ID_LABEL] === String(submitted.run_id),
      ),
    );
    const clusterId = created.metadata.name as string;
    expect(created.spec).toMatchObject({ clusterSource: 'JOB', numWorkers: 1, desiredState: 'RUNNING' });
    expect(created.metadata.ownerReferences).toBeUndefined();
    await workspace.setClusterState(clusterId, 'RUNNING');
    const consumer = await startConsumer(workspace, redis.url, clusterId);
    try {
      // Every task done: the scheduler marks the cluster, and the run waits for it to terminate
      // (this test plays the operator, which does not serve this namespace).
      const marked = await waitFor('the job cluster to be marked finished', async () => {
        const found = await workspace.getCluster(clusterId);
        return found?.metadata.annotations?.[ClusterAnnotations.runFinished] ? found : undefined;
      });
      expect(marked.spec.desiredState).toBe('RUNNING');
      expect((await runs.get(submitted.run_id))?.record.state.life_cycle_state).toBe('TERMINATING');
      await workspace.setClusterState(clusterId, 'TERMINATED');
      const run = await waitForRun(runs, submitted.run_id);
      expect(run.state.result_state).toBe('SUCCESS');
      expect(run.tasks[0]?.cluster_instance?.cluster_id).toBe(clusterId);
      // The scheduler never deletes it: the operator removes it after the retention period.
      expect(await workspace.getCluster(clusterId)).toBeDefined();
    } finally {
      await consumer.close();
    }
  });

  it('keeps the demand hash of a cluster: queued and running task attempts', async () => {
    const narrow = testClusterId();
    await workspace.createCluster(narrow, 'RUNNING');
    const consumer = await startConsumer(workspace, redis.url, narrow, {
      config: {
        clusterId: narrow,
        workspaceId: workspace.id,
        redisUrl: redis.url,
        concurrency: 1,
        lockDurationMs: 5_000,
        stalledIntervalMs: 5_000,
        maxStalledCount: 2,
      },
    });
    const reader = testConnection(redis.url);
    try {
      const submitted = await submitRun(runs, workspace.id, [
        { task_key: 'a', existing_cluster_id: narrow, ...sleeper(3) },
        { task_key: 'b', existing_cluster_id: narrow, ...sleeper(3) },
      ]);
      const busy = await waitFor('demand to show one running and one queued', async () => {
        const demand = await reader.hgetall(clusterDemandKey(narrow));
        return demand.running === '1' && demand.queued === '1' ? demand : undefined;
      });
      expect(Number(busy.updated_at)).toBeGreaterThan(Date.now() - 10_000);
      await waitForRun(runs, submitted.run_id);
      await waitFor('demand to drop to zero', async () => {
        const demand = await reader.hgetall(clusterDemandKey(narrow));
        return demand.running === '0' && demand.queued === '0' ? true : undefined;
      });
    } finally {
      reader.disconnect();
      await consumer.close();
    }
  });

  it('starts PERIODIC runs from a job schedule, and stops when the schedule is paused', async () => {
    const jobId = 9_000_000_000_000 + Math.floor(Math.random() * 1e9);
    const name = `job-${jobId}`;
    const spec: JobSpec = {
      job_id: jobId,
      creator_user_name: 'it@brickyard.dev',
      settings: {
        name: 'every two seconds',
        tasks: [task('tick', { spark_python_task: { python_file: '/Users/it/ok.py' } })],
        schedule: {
          quartz_cron_expression: '*/2 * * * * ?',
          timezone_id: 'Europe/Paris',
          pause_status: 'UNPAUSED',
        },
        max_concurrent_runs: 5,
      },
    };
    await customObjects.createNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      plural: 'jobs',
      namespace: workspace.namespace,
      body: {
        apiVersion: API_VERSION,
        kind: 'Job',
        metadata: {
          name,
          namespace: workspace.namespace,
          labels: { [Labels.workspaceId]: String(workspace.id) },
        },
        spec: toCamelCase(spec, JobSpec),
      },
    });
    const reader = testConnection(redis.url);
    const schedules = new Queue(SCHEDULES_QUEUE, { connection: reader });
    try {
      const ids = await waitFor(
        'two periodic runs',
        async () => {
          const found = await reader.zrange(RunKeys.jobRuns(workspace.id, jobId), 0, -1);
          return found.length >= 2 ? found.map(Number) : undefined;
        },
        20_000,
      );
      const [first] = await runs.getMany(ids);
      expect(first?.record).toMatchObject({
        trigger: 'PERIODIC',
        run_type: 'JOB_RUN',
        job_id: jobId,
        creator_user_name: 'it@brickyard.dev',
      });
      const finished = await waitForRun(runs, ids[0] as number);
      expect(finished.state.result_state).toBe('SUCCESS');
      expect((await schedules.getJobSchedulers()).map((s) => s.key)).toContain(
        `ws-${workspace.id}-job-${jobId}`,
      );

      await customObjects.patchNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        plural: 'jobs',
        namespace: workspace.namespace,
        name,
        body: [{ op: 'replace', path: '/spec/settings/schedule/pauseStatus', value: 'PAUSED' }],
      });
      await waitFor('the schedule to be removed', async () =>
        (await schedules.getJobSchedulers()).some((s) => s.key === `ws-${workspace.id}-job-${jobId}`)
          ? undefined
          : true,
      );
      const count = await reader.zcard(RunKeys.jobRuns(workspace.id, jobId));
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      expect(await reader.zcard(RunKeys.jobRuns(workspace.id, jobId))).toBe(count);
    } finally {
      await schedules.close();
      reader.disconnect();
      await customObjects
        .deleteNamespacedCustomObject({
          group: GROUP,
          version: VERSION,
          plural: 'jobs',
          namespace: workspace.namespace,
          name,
        })
        .catch(() => undefined);
    }
  }, 60_000);
});
