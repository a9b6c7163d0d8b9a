/**
 * bench/dispatch: run-now -> task start latency and completed runs per minute for a no-op task on
 * a running cluster, beside raw BullMQ add -> processor start on the same Redis in the same run.
 *
 *   source .brickyard/env && npm run bench:dispatch -- [--runs 300] [--rate 20] [--burst 300]
 *
 * Ours goes through everything: the API (run-now), the run store, the scheduler (the platform's
 * if one answers on :18083, else one started here for the bench workspace), the cluster's queue
 * and the runtime consumer, which executes a SQL file holding `SELECT 1` (DuckDB, logs to S3).
 * The cluster's consumers are its pods when the cluster controller brings them up; without one
 * (or with --consumer inprocess) the bench marks the cluster RUNNING itself and consumes in this
 * process. "Task start" is when a consumer takes the attempt (the job's processedOn).
 *
 * Phases: raw BullMQ at --rate for --runs jobs; ours at --rate for --runs runs (open loop: start
 * latency); ours with --burst runs submitted as fast as 16 clients can (completed runs/minute).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { mergePatch } from '@brickyard/common/kube';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { isTerminal, type RunRecord, RunStore } from '@brickyard/common/runs';
import { createS3Client, ObjectStore } from '@brickyard/common/storage';
import { GROUP, VERSION, workspaceNamespace } from '@brickyard/common/vocabulary';
import { Queue, Worker } from 'bullmq';
import { pino } from 'pino';
import type { BookedTask } from '../../services/scheduler/src/runs/run-book.js';
import { TaskConsumer } from '../../services/worker/src/consumer/task-consumer.js';
import { ObjectStoreRuntimeStorage } from '../../services/worker/src/storage/object-store-runtime-storage.js';
import { customObjects, repoRoot } from '../../test/integration/scheduler-harness.js';
import { clientFor, eventually, readApiEnv } from '../../test/integration/support/api-client.js';
import { freePort } from '../../test/integration/support/free-port.js';
import { sourceEntry } from '../../test/integration/support/source-entry.js';
import { dedicatedWorkspace } from '../../test/integration/support/workspaces.js';
import { cleanUp } from '../support/cleanup.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '300' },
    rate: { type: 'string', default: '20' },
    burst: { type: 'string', default: '300' },
    consumer: { type: 'string', default: 'auto' },
  },
});
const RUNS = Number(values.runs);
const RATE = Number(values.rate);
const BURST = Number(values.burst);
const CONSUMER = values.consumer as 'auto' | 'inprocess' | 'cluster';
const WARM_UP = 20;
const CLIENTS = 16;

const env = readApiEnv();
const platform = readPlatformEnv();
const redis = createRedisConnection(platform.redisUrl);
const runs = new RunStore(createRedisConnection(platform.redisUrl));
const log = pino({ level: 'warn' });

const progress = (message: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

interface Row {
  label: string;
  count: number;
  p50: number;
  p99: number;
  max: number;
  perMinute: number;
}

function row(label: string, latencies: number[], perMinute: number): Row {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    label,
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    perMinute,
  };
}

function printRows(rows: Row[]): void {
  const header = ['benchmark', 'n', 'p50 ms', 'p99 ms', 'max ms', 'per min'];
  const cells = rows.map((r) => [
    r.label,
    String(r.count),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    r.max.toFixed(1),
    Number.isFinite(r.perMinute) ? r.perMinute.toFixed(0) : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ');
  console.log(line(header));
  for (const c of cells) console.log(line(c));
}

/** Calls `fire(i)` `count` times at `rate` per second, without waiting for one before the next. */
async function openLoop(count: number, rate: number, fire: (i: number) => Promise<void>): Promise<void> {
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(fire(i));
  }
  await Promise.all(pending);
}

/** Raw BullMQ: add -> processor start, same Redis, a no-op processor at concurrency 4. */
async function rawBullmq(): Promise<Row> {
  const name = `bench-raw-${randomUUID().slice(0, 8)}`;
  const queue = new Queue(name, { connection: redis });
  const latencies: number[] = [];
  const workerConnection = createRedisConnection(platform.redisUrl);
  const worker = new Worker(
    name,
    async (job) => {
      latencies.push(Date.now() - (job.data as { addedAt: number }).addedAt);
    },
    { connection: workerConnection, concurrency: 4 },
  );
  await worker.waitUntilReady();
  for (let i = 0; i < WARM_UP; i++) await queue.add('noop', { addedAt: Date.now() });
  await eventually(async () => (latencies.length >= WARM_UP ? true : undefined));
  latencies.length = 0;
  const started = Date.now();
  await openLoop(RUNS, RATE, async () => {
    await queue.add('noop', { addedAt: Date.now() }, { removeOnComplete: true });
  });
  await eventually(async () => (latencies.length >= RUNS ? true : undefined));
  const elapsed = Date.now() - started;
  await worker.close();
  workerConnection.disconnect();
  await queue.obliterate({ force: true });
  await queue.close();
  return row(`raw BullMQ add -> start (${RATE}/s)`, latencies, (RUNS / elapsed) * 60_000);
}

async function schedulerAnswers(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
  return response?.ok ?? false;
}

async function waitForRuns(ids: readonly number[], timeoutMs = 120_000): Promise<RunRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await runs.getMany(ids)).map((stored) => stored.record);
    if (found.length === ids.length && found.every((run) => isTerminal(run.state.life_cycle_state)))
      return found;
    if (Date.now() > deadline) throw new Error('runs did not finish in time');
    await sleep(200);
  }
}

function startedAt(run: RunRecord): number | undefined {
  return (run.tasks[0] as BookedTask | undefined)?.scheduler?.started_at;
}

// Everything started below is stopped in the finally block, whatever fails on the way (a
// workspace that does not come up on a loaded machine, say).
const cleanups: (() => Promise<unknown>)[] = [];
try {
  progress(`raw BullMQ: ${RUNS} jobs at ${RATE}/s`);
  const raw = await rawBullmq();
  progress('creating the bench workspace');
  const dedicated = await dedicatedWorkspace('bench-dispatch');
  cleanups.push(() => dedicated.remove());
  const workspace = { id: dedicated.workspaceId, token: dedicated.token };
  const api = clientFor(env.host, workspace.token);
  // The no-op task: a SQL file with SELECT 1, in the workspace's storage.
  const s3 = createS3Client(platform.s3);
  const store = new ObjectStore(s3, platform.s3.bucket);
  await store
    .root('')
    .put(`workspaces/${workspace.id}/workspace/Shared/bench/noop.sql`, Buffer.from('SELECT 1;'));
  cleanups.push(async () => s3.destroy());

  const cluster = await api<{ cluster_id: string }>('POST', '/api/2.1/clusters/create', {
    body: { cluster_name: 'bench-dispatch', spark_version: '19.3.x-no-spark-scala2.13', num_workers: 1 },
  });
  const clusterId = cluster.body.cluster_id;
  cleanups.push(() => api('POST', '/api/2.1/clusters/permanent-delete', { body: { cluster_id: clusterId } }));
  progress(`cluster ${clusterId}: waiting for RUNNING`);
  let consumerMode = CONSUMER;
  if (consumerMode !== 'inprocess') {
    const running = await eventually(async () => {
      const got = await api<{ state: string }>('GET', '/api/2.1/clusters/get', {
        query: { cluster_id: clusterId },
      });
      return got.body.state === 'RUNNING' ? true : undefined;
    }, 90_000).catch(() => false);
    if (!running && consumerMode === 'cluster') throw new Error('the cluster did not reach RUNNING');
    consumerMode = running ? 'cluster' : 'inprocess';
  }
  if (consumerMode === 'inprocess') {
    // No cluster controller: play it, and consume in this process.
    await customObjects.patchNamespacedCustomObjectStatus(
      {
        group: GROUP,
        version: VERSION,
        plural: 'clusters',
        namespace: workspaceNamespace(workspace.id),
        name: clusterId,
        body: { status: { state: 'RUNNING' } },
      },
      mergePatch,
    );
    const consumer = new TaskConsumer({
      config: {
        clusterId,
        workspaceId: workspace.id,
        redisUrl: platform.redisUrl,
        concurrency: 8,
        lockDurationMs: 10_000,
        stalledIntervalMs: 10_000,
        maxStalledCount: 2,
      },
      storage: new ObjectStoreRuntimeStorage(store),
      log,
    });
    await consumer.start();
    cleanups.push(() => consumer.close());
  }

  let schedulerMode = 'platform';
  if (!(await schedulerAnswers(18083))) {
    schedulerMode = 'started for the bench';
    const port = await freePort();
    const child = spawn(process.execPath, sourceEntry('services/scheduler/src/main.ts'), {
      cwd: repoRoot,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        REDIS_URL: platform.redisUrl,
        BRICKYARD_SCHEDULER_PORT: String(port),
        BRICKYARD_SCHEDULER_SHARD: `bench-${workspace.id}`,
        BRICKYARD_SCHEDULER_WORKSPACES: String(workspace.id),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    cleanups.push(async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    });
    await eventually(async () => ((await schedulerAnswers(port)) ? true : undefined), 30_000);
  }

  const job = await api<{ job_id: number }>('POST', '/api/2.2/jobs/create', {
    body: {
      name: 'bench-dispatch',
      max_concurrent_runs: 1000,
      queue: { enabled: true },
      tasks: [
        {
          task_key: 'noop',
          existing_cluster_id: clusterId,
          sql_task: { file: { path: '/Shared/bench/noop.sql' } },
        },
      ],
    },
  });
  const jobId = job.body.job_id;
  cleanups.push(() => api('POST', '/api/2.2/jobs/delete', { body: { job_id: jobId } }));

  const runNow = async (): Promise<{ runId: number; sentAt: number; answeredMs: number }> => {
    const sentAt = Date.now();
    const response = await api<{ run_id: number }>('POST', '/api/2.2/jobs/run-now', {
      body: { job_id: jobId },
    });
    if (response.status !== 200) throw new Error(`run-now answered ${response.status}`);
    return { runId: response.body.run_id, sentAt, answeredMs: Date.now() - sentAt };
  };

  progress(`scheduler: ${schedulerMode}; consumers: ${consumerMode}; warming up`);
  // Warm-up: the first runs open the queues, compile the SQL path, fill the caches.
  const warm: number[] = [];
  for (let i = 0; i < WARM_UP; i++) warm.push((await runNow()).runId);
  await waitForRuns(warm);

  progress(`run-now: ${RUNS} runs at ${RATE}/s`);
  // Start latency at a steady rate.
  const sent: { runId: number; sentAt: number; answeredMs: number }[] = [];
  await openLoop(RUNS, RATE, async () => {
    sent.push(await runNow());
  });
  const finished = await waitForRuns(sent.map((s) => s.runId));
  const byId = new Map(finished.map((run) => [run.run_id, run]));
  const startLatencies: number[] = [];
  const failures = finished.filter((run) => run.state.result_state !== 'SUCCESS').length;
  for (const s of sent) {
    const start = startedAt(byId.get(s.runId) as RunRecord);
    if (start !== undefined) startLatencies.push(start - s.sentAt);
  }
  const steadyEnd = Math.max(...finished.map((run) => run.end_time));
  const steadyStart = Math.min(...sent.map((s) => s.sentAt));
  const ours = row(
    `run-now -> task start (${RATE}/s)`,
    startLatencies,
    (RUNS / (steadyEnd - steadyStart)) * 60_000,
  );
  const api200 = row(
    '  of which run-now answered',
    sent.map((s) => s.answeredMs),
    Number.NaN,
  );

  progress(`burst of ${BURST} runs`);
  // Throughput: a burst of run-nows from 16 clients, until every run has ended.
  const burstIds: number[] = [];
  const burstStart = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < BURST) {
        next++;
        burstIds.push((await runNow()).runId);
      }
    }),
  );
  const burstRuns = await waitForRuns(burstIds, 300_000);
  const burstEnd = Math.max(...burstRuns.map((run) => run.end_time));
  const burstFailures = burstRuns.filter((run) => run.state.result_state !== 'SUCCESS').length;
  const burstRow = row(
    `burst of ${BURST} (${CLIENTS} clients): run-now -> end`,
    burstRuns.map((run) => run.end_time - run.start_time),
    (BURST / (burstEnd - burstStart)) * 60_000,
  );

  console.log(
    `\nscheduler: ${schedulerMode}; consumers: ${consumerMode === 'cluster' ? 'the cluster pods' : 'in this process'}`,
  );
  printRows([raw, ours, api200, burstRow]);
  console.log(
    `\nrun-now -> task start p50 ${ours.p50.toFixed(1)} ms (target <= 50), p99 ${ours.p99.toFixed(1)} ms (target <= 150);` +
      ` ${burstRow.perMinute.toFixed(0)} completed runs/min (target >= 1000); failed runs ${failures + burstFailures}`,
  );

  // Leave no history behind.
  for (const id of [...warm, ...sent.map((s) => s.runId), ...burstIds]) {
    await api('POST', '/api/2.2/jobs/runs/delete', { body: { run_id: id } });
  }
} finally {
  await cleanUp([...cleanups.reverse(), () => redis.disconnect(), () => runs.stop()]);
}
process.exit(0);
