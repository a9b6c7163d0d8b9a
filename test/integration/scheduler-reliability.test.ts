import { hostname } from 'node:os';
import type { RunRecord, RunStore } from '@brickyard/common/runs';
import type { Task } from '@brickyard/common/schema';
import { clusterQueueName, taskJobId } from '@brickyard/common/tasks';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChildService,
  newRunStore,
  sleep,
  startRuntime,
  startScheduler,
  submitRun,
  TestRedis,
  TestWorkspace,
  testClusterId,
  testConnection,
  waitFor,
  waitForRun,
} from './scheduler-harness.js';
import { freePort } from './support/free-port.js';

/**
 * Failures of the processes around a run, with the scheduler and the runtime as child processes
 * (SIGKILL, as a crash or an OOM kill would do) and a Redis of the test's own, restarted with its
 * append-only file: every accepted run still ends, and ends once.
 */

const workspace = new TestWorkspace();
const cluster = testClusterId();
let redis: TestRedis;
let runs: RunStore;
let schedulerPort: number;
let scheduler: ChildService;
const runtimes: ChildService[] = [];

function sleepTask(key: string, seconds: number, extra: Partial<Task> = {}): Task {
  return {
    task_key: key,
    existing_cluster_id: cluster,
    spark_python_task: { python_file: '/Users/it/sleep.py', parameters: [String(seconds)] },
    ...extra,
  };
}

const chain = (seconds: number): Task[] => [
  sleepTask('a', seconds),
  sleepTask('b', seconds, { depends_on: [{ task_key: 'a' }] }),
];

function finishedLines(service: ChildService, runId: number): number {
  return service
    .logs()
    .split('\n')
    .filter((line) => line.includes('"msg":"Finished run"') && line.includes(`"runId":${runId}`)).length;
}

async function allSucceed(ids: number[], timeoutMs = 90_000): Promise<RunRecord[]> {
  const finished = await Promise.all(ids.map((id) => waitForRun(runs, id, undefined, timeoutMs)));
  expect(finished.map((run) => [run.run_id, run.state.life_cycle_state, run.state.result_state])).toEqual(
    ids.map((id) => [id, 'TERMINATED', 'SUCCESS']),
  );
  return finished;
}

beforeAll(async () => {
  redis = await TestRedis.start();
  runs = newRunStore(redis.url);
  await workspace.create();
  await workspace.createCluster(cluster, 'RUNNING');
  await workspace.putWorkspaceFile(
    '/Users/it/sleep.py',
    'import sys, time\nprint("started", flush=True)\ntime.sleep(float(sys.argv[1]))\nprint("done")\n',
  );
  schedulerPort = await freePort();
  scheduler = startScheduler(redis.url, workspace.id, schedulerPort);
  runtimes.push(
    startRuntime(redis.url, workspace.id, cluster),
    startRuntime(redis.url, workspace.id, cluster),
  );
  await waitFor('the scheduler to lead', async () => {
    const response = await fetch(`http://127.0.0.1:${schedulerPort}/readyz`).catch(() => undefined);
    return response?.ok && ((await response.json()) as { role: string }).role === 'leader' ? true : undefined;
  });
}, 60_000);

afterAll(async () => {
  await Promise.all([scheduler, ...runtimes].map((service) => service?.kill('SIGTERM')));
  await runs?.stop();
  await redis?.stop();
  await workspace.cleanUp();
}, 60_000);

describe('reliability of runs', () => {
  it('hands a task whose runtime process was killed to another one, and ends the run SUCCESS once', async () => {
    const submitted = await submitRun(runs, workspace.id, [sleepTask('a', 4)]);
    const running = await waitForRun(
      runs,
      submitted.run_id,
      (run) => run.tasks[0]?.state.life_cycle_state === 'RUNNING',
    );
    const taskRunId = running.tasks[0]?.run_id as number;
    const connection = testConnection(redis.url);
    const queue = new Queue(clusterQueueName(cluster), { connection });
    try {
      const jobId = taskJobId(taskRunId, 0);
      const holder = await waitFor(
        'the job to name its consumer',
        async () => (await queue.getJob(jobId))?.processedBy,
      );
      const victim = runtimes.find((runtime) => holder === `${hostname()}-${runtime.pid}`);
      if (!victim) throw new Error(`no runtime process is ${holder}`);
      await victim.kill('SIGKILL');
      runtimes.splice(runtimes.indexOf(victim), 1);

      const run = await waitForRun(runs, submitted.run_id, undefined, 60_000);
      expect(run.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'SUCCESS' });
      // Handed over, not retried: the same attempt, run again by the other process.
      expect(run.tasks[0]?.attempt_number).toBe(0);
      const job = await queue.getJob(jobId);
      expect(job?.attemptsStarted).toBeGreaterThanOrEqual(2);
      expect(job?.processedBy).not.toBe(holder);
      expect((await runs.output(taskRunId))?.logs).toBe('started\ndone\n');

      const version = (await runs.get(submitted.run_id))?.version;
      await sleep(3_000);
      expect((await runs.get(submitted.run_id))?.version).toBe(version);
      expect(finishedLines(scheduler, submitted.run_id)).toBe(1);
    } finally {
      await queue.close();
      connection.disconnect();
      runtimes.push(startRuntime(redis.url, workspace.id, cluster));
    }
  }, 90_000);

  it('completes every accepted run when the scheduler is killed and started again', async () => {
    const before: number[] = [];
    for (let i = 0; i < 6; i++) before.push((await submitRun(runs, workspace.id, chain(1))).run_id);
    await waitForRun(runs, before[0] as number, (run) => run.tasks[0]?.state.life_cycle_state === 'RUNNING');
    await sleep(500);
    await scheduler.kill('SIGKILL');
    // Accepted while no scheduler runs: they wait in the hand-off queue.
    const during: number[] = [];
    for (let i = 0; i < 4; i++) during.push((await submitRun(runs, workspace.id, chain(1))).run_id);
    await sleep(1_000);
    scheduler = startScheduler(redis.url, workspace.id, schedulerPort);
    await allSucceed([...before, ...during]);
  }, 120_000);

  it('loses no accepted run when Redis restarts', async () => {
    const before: number[] = [];
    for (let i = 0; i < 6; i++) before.push((await submitRun(runs, workspace.id, chain(1))).run_id);
    await waitForRun(runs, before[0] as number, (run) => run.tasks[0]?.state.life_cycle_state === 'RUNNING');
    await redis.restart(2_000);
    const after: number[] = [];
    for (let i = 0; i < 3; i++) after.push((await submitRun(runs, workspace.id, chain(1))).run_id);
    await allSucceed([...before, ...after]);
    for (const service of [scheduler, ...runtimes]) expect(service.child.exitCode).toBeNull();
  }, 150_000);
});
