import { randomUUID } from 'node:crypto';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { RunKeys, RunStore } from '@brickyard/common/runs';
import { afterAll, describe, expect, it } from 'vitest';
import { clientFor, readApiEnv } from './support/api-client.js';
import { dedicatedWorkspace } from './support/workspaces.js';

/** The Jobs API over HTTP: jobs as Job resources, runs in Redis, errors as Databricks sends them. */
const env = readApiEnv();
// A workspace of its own that the scheduler holds, so the runs made here stay as the API wrote them.
const workspace = await dedicatedWorkspace(`api-jobs-${randomUUID().slice(0, 8)}`);
const admin = clientFor(env.host, workspace.token);
const redisUrl = readPlatformEnv().redisUrl;
const redis = createRedisConnection(redisUrl);
const store = new RunStore(redis);
const workspaceId = workspace.workspaceId;
await redis.sadd(RunKeys.heldWorkspaces, String(workspaceId));
// The scheduler reads the held workspaces on its next poll (every second).
await new Promise((resolve) => setTimeout(resolve, 1500));
const suffix = randomUUID().slice(0, 8);

const createdJobs: number[] = [];
const createdRuns: number[] = [];

type Body = Record<string, unknown>;
/** A run, or the error body that comes instead. */
interface RunView {
  message?: string;
  run_id: number;
  job_id?: number;
  number_in_job: number;
  run_type: string;
  run_name: string;
  state: { life_cycle_state: string; result_state?: string; state_message?: string };
  status: { state: string; termination_details?: { code: string } };
  tasks?: { task_key: string; run_id: number; state: { life_cycle_state: string; result_state?: string } }[];
  run_page_url: string;
  end_time: number;
}
interface JobView {
  message?: string;
  job_id: number;
  created_time: number;
  creator_user_name: string;
  settings: Body & { name: string; tasks?: Body[]; job_clusters?: Body[] };
}

const notebook = (task_key: string, depends: string[] = [], extra: Body = {}) => ({
  task_key,
  notebook_task: { notebook_path: `/Shared/${task_key}` },
  ...(depends.length > 0 ? { depends_on: depends.map((key) => ({ task_key: key })) } : {}),
  ...extra,
});

async function createJob(settings: Body): Promise<number> {
  const response = await admin<{ job_id: number }>('POST', '/api/2.2/jobs/create', { body: settings });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  createdJobs.push(response.body.job_id);
  return response.body.job_id;
}

async function runNow(body: Body): Promise<{ run_id: number; number_in_job: number }> {
  const response = await admin<{ run_id: number; number_in_job: number }>('POST', '/api/2.2/jobs/run-now', {
    body,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  createdRuns.push(response.body.run_id);
  return response.body;
}

async function submit(body: Body): Promise<number> {
  const response = await admin<{ run_id: number }>('POST', '/api/2.2/jobs/runs/submit', { body });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  createdRuns.push(response.body.run_id);
  return response.body.run_id;
}

const getJob = (jobId: number) => admin<JobView>('GET', '/api/2.2/jobs/get', { query: { job_id: jobId } });
const getRun = (runId: number) =>
  admin<RunView>('GET', '/api/2.2/jobs/runs/get', { query: { run_id: runId } });

afterAll(async () => {
  for (const runId of createdRuns) {
    await admin('POST', '/api/2.2/jobs/runs/cancel', { body: { run_id: runId } });
    await admin('POST', '/api/2.2/jobs/runs/delete', { body: { run_id: runId } });
  }
  for (const jobId of createdJobs) await admin('POST', '/api/2.2/jobs/delete', { body: { job_id: jobId } });
  await redis.srem(RunKeys.heldWorkspaces, String(workspaceId));
  await workspace.remove();
  redis.disconnect();
});

describe('jobs through the REST API', () => {
  it('creates a job with Databricks defaults and reads it back under every version prefix', async () => {
    const jobId = await createJob({ tasks: [notebook('only')], unknown_field: 'ignored' });
    expect(Number.isSafeInteger(jobId)).toBe(true);
    expect(String(jobId).length).toBeGreaterThanOrEqual(15);
    const got = await getJob(jobId);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      job_id: jobId,
      creator_user_name: expect.any(String),
      run_as_user_name: expect.any(String),
      settings: { name: 'Untitled', max_concurrent_runs: 1, tasks: [notebook('only')] },
    });
    expect(got.body.settings).not.toHaveProperty('unknown_field');
    expect(got.body.created_time).toBeGreaterThan(0);
    for (const version of ['2.0', '2.1']) {
      const old = await admin('GET', `/api/${version}/jobs/get`, { query: { job_id: jobId } });
      expect(old.body).toEqual(got.body);
    }
  });

  it('lists jobs by exact name, oldest first, a page at a time, tasks only when expanded', async () => {
    const name = `list-${suffix}`;
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await createJob({ name, tasks: [notebook(`t${i}`)] }));
    const first = await admin<{ jobs: JobView[]; has_more: boolean; next_page_token?: string }>(
      'GET',
      '/api/2.2/jobs/list',
      { query: { name: name.toUpperCase(), limit: 2 } },
    );
    expect(first.status).toBe(200);
    expect(first.body.has_more).toBe(true);
    expect(first.body.jobs).toHaveLength(2);
    expect(first.body.jobs[0]?.settings).not.toHaveProperty('tasks');
    const second = await admin<{ jobs: JobView[]; has_more: boolean; next_page_token?: string }>(
      'GET',
      '/api/2.2/jobs/list',
      { query: { name, limit: 2, page_token: first.body.next_page_token ?? '', expand_tasks: true } },
    );
    expect(second.body.has_more).toBe(false);
    expect(second.body.next_page_token).toBeUndefined();
    expect(second.body.jobs[0]?.settings.tasks).toHaveLength(1);
    const listed = [...first.body.jobs, ...second.body.jobs].map((job) => job.job_id);
    expect([...listed].sort()).toEqual([...ids].sort());
    const created = [...first.body.jobs, ...second.body.jobs].map((job) => job.created_time);
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  it('replaces all settings on reset', async () => {
    const jobId = await createJob({ name: 'before', tags: { a: '1' }, tasks: [notebook('x')] });
    const reset = await admin('POST', '/api/2.2/jobs/reset', {
      body: { job_id: jobId, new_settings: { name: 'after', tasks: [notebook('y')] } },
    });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({});
    const { settings } = (await getJob(jobId)).body;
    expect(settings).toEqual({ name: 'after', max_concurrent_runs: 1, tasks: [notebook('y')] });
  });

  it('merges tasks and job clusters by key on update and removes the fields it is told to', async () => {
    const cluster = {
      job_cluster_key: 'c',
      new_cluster: { spark_version: '19.3.x-no-spark-scala2.13', num_workers: 1 },
    };
    const jobId = await createJob({
      name: 'merge',
      tags: { team: 'data' },
      job_clusters: [cluster],
      tasks: [notebook('a', [], { job_cluster_key: 'c' }), notebook('b', ['a']), notebook('gone')],
    });
    const update = await admin('POST', '/api/2.2/jobs/update', {
      body: {
        job_id: jobId,
        new_settings: {
          name: 'merged',
          tasks: [notebook('b', [], { description: 'v2' }), notebook('c', ['b'])],
        },
        fields_to_remove: ['tags', 'tasks/gone'],
      },
    });
    expect(update.status, JSON.stringify(update.body)).toBe(200);
    const { settings } = (await getJob(jobId)).body;
    expect(settings.name).toBe('merged');
    expect(settings).not.toHaveProperty('tags');
    expect(settings.job_clusters).toEqual([cluster]);
    expect(settings.tasks).toEqual([
      notebook('a', [], { job_cluster_key: 'c' }),
      notebook('b', [], { description: 'v2' }),
      notebook('c', ['b']),
    ]);
  });

  it('refuses an update that would break the settings, and keeps the job as it was', async () => {
    const jobId = await createJob({ name: 'keep', tasks: [notebook('a'), notebook('b', ['a'])] });
    const update = await admin<Body>('POST', '/api/2.2/jobs/update', {
      body: { job_id: jobId, fields_to_remove: ['tasks/a'] },
    });
    expect(update.status).toBe(400);
    expect(update.body.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(update.body.message).toMatch(/depends on a, which is not a task/);
    expect((await getJob(jobId)).body.settings.tasks).toHaveLength(2);
  });

  it('deletes a job, after which it does not exist', async () => {
    const jobId = await createJob({ name: 'doomed', tasks: [notebook('a')] });
    const { run_id } = await runNow({ job_id: jobId });
    expect((await admin('POST', '/api/2.2/jobs/delete', { body: { job_id: jobId } })).status).toBe(200);
    const got = await getJob(jobId);
    expect(got.status).toBe(400);
    expect(got.body).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: `Job ${jobId} does not exist`,
    });
    // Its queued run did not survive as queued, but stays readable.
    const run = await getRun(run_id);
    expect(run.body.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'CANCELED' });
  });

  const badSettings: [string, Body, RegExp][] = [
    [
      'a five-field cron expression',
      { schedule: { quartz_cron_expression: '0 12 * * *', timezone_id: 'UTC' } },
      /6 or 7 fields/,
    ],
    [
      'an unknown time zone',
      { schedule: { quartz_cron_expression: '0 0 12 * * ?', timezone_id: 'Mars/Base' } },
      /timezone_id/,
    ],
    ['a dependency cycle', { tasks: [notebook('a', ['b']), notebook('b', ['a'])] }, /cycle: a -> b -> a/],
    ['a dependency on an unknown task', { tasks: [notebook('a', ['ghost'])] }, /depends on ghost/],
    ['repeated task keys', { tasks: [notebook('a'), notebook('a')] }, /task_key must be unique/],
    ['a task without a task type', { tasks: [{ task_key: 'a' }] }, /exactly one task type/],
    [
      'an undefined job cluster',
      { tasks: [notebook('a', [], { job_cluster_key: 'nope' })] },
      /job cluster nope/,
    ],
    ['a malformed task key', { tasks: [notebook('a b')] }, /task_key|pattern/],
  ];
  it.each(badSettings)(
    'refuses to create a job with %s (400 INVALID_PARAMETER_VALUE)',
    async (_case, settings, message) => {
      const response = await admin<Body>('POST', '/api/2.2/jobs/create', { body: settings });
      expect(response.status).toBe(400);
      expect(response.body.error_code).toBe('INVALID_PARAMETER_VALUE');
      expect(String(response.body.message)).toMatch(message);
    },
  );

  const badIds: [string, string, string, Record<string, string | number>][] = [
    ['GET', '/api/2.2/jobs/get', 'a missing job', { job_id: 123456789 }],
    ['GET', '/api/2.2/jobs/get', 'a job id that is not a number', { job_id: 'abc' }],
    ['GET', '/api/2.2/jobs/get', 'a job id beyond 2^53', { job_id: '99999999999999999999' }],
    ['GET', '/api/2.2/jobs/runs/get', 'a missing run', { run_id: 123456789 }],
    ['GET', '/api/2.2/jobs/runs/get-output', 'a missing run', { run_id: 123456789 }],
    ['GET', '/api/2.2/jobs/runs/get', 'a negative run id', { run_id: -4 }],
  ];
  it.each(badIds)(
    'answers %s %s for %s with 400 INVALID_PARAMETER_VALUE',
    async (method, path, _case, query) => {
      const response = await admin<Body>(method, path, { query });
      expect(response.status).toBe(400);
      expect(response.body.error_code).toBe('INVALID_PARAMETER_VALUE');
    },
  );

  it('names the missing job and run as the SDKs expect', async () => {
    expect((await getJob(123456789)).body.message).toBe('Job 123456789 does not exist');
    expect((await getRun(123456789)).body.message).toBe('Run 123456789 does not exist');
    const post = await admin<Body>('POST', '/api/2.2/jobs/run-now', { body: { job_id: 123456789 } });
    expect(post.body).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: 'Job 123456789 does not exist',
    });
  });
});

describe('runs through the REST API', () => {
  it('queues a job run with a number in its job, a task run per task and a run page', async () => {
    const jobId = await createJob({
      name: `runs-${suffix}`,
      parameters: [{ name: 'day', default: 'today' }],
      tasks: [notebook('a'), notebook('b', ['a'])],
    });
    const first = await runNow({ job_id: jobId, job_parameters: { day: 'monday' } });
    const second = await runNow({ job_id: jobId, notebook_params: { x: '1' } });
    expect([first.number_in_job, second.number_in_job]).toEqual([1, 2]);
    const run = await getRun(first.run_id);
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      job_id: jobId,
      run_id: first.run_id,
      number_in_job: 1,
      run_name: `runs-${suffix}`,
      run_type: 'JOB_RUN',
      trigger: 'ONE_TIME',
      state: { life_cycle_state: 'QUEUED' },
      status: { state: 'QUEUED' },
      job_parameters: [{ name: 'day', default: 'today', value: 'monday' }],
      run_page_url: `${env.host}/?o=${workspaceId}#job/${jobId}/run/${first.run_id}`,
    });
    expect(run.body).not.toHaveProperty('workspace_id');
    expect(run.body).not.toHaveProperty('settings');
    const tasks = run.body.tasks ?? [];
    expect(tasks.map((task) => task.task_key)).toEqual(['a', 'b']);
    expect(new Set([first.run_id, ...tasks.map((task) => task.run_id)]).size).toBe(3);
    expect((await getRun(second.run_id)).body).toMatchObject({
      overriding_parameters: { notebook_params: { x: '1' } },
    });
    // The hand-off to the scheduler: both runs wait in the workspace's queue.
    const queued = await redis.zrange(RunKeys.queued(workspaceId), 0, -1);
    expect(queued).toEqual(expect.arrayContaining([String(first.run_id), String(second.run_id)]));
  });

  it('runs only the tasks named in only', async () => {
    const jobId = await createJob({ tasks: [notebook('a'), notebook('b', ['a']), notebook('c', ['b'])] });
    const { run_id } = await runNow({ job_id: jobId, only: ['b', 'c'] });
    const tasks = (await getRun(run_id)).body.tasks ?? [];
    expect(tasks.map((task) => task.task_key)).toEqual(['b', 'c']);
    const refused = await admin<Body>('POST', '/api/2.2/jobs/run-now', {
      body: { job_id: jobId, only: ['zz'] },
    });
    expect(refused.status).toBe(400);
  });

  it('never starts a second run for an idempotency token, however many requests race', async () => {
    const token = `race-${randomUUID()}`;
    const body = { run_name: 'race', idempotency_token: token, tasks: [notebook('a')] };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        admin<{ run_id: number }>('POST', '/api/2.2/jobs/runs/submit', { body }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    const ids = new Set(responses.map((response) => response.body.run_id));
    expect(ids.size).toBe(1);
    const [runId] = [...ids] as [number];
    createdRuns.push(runId);
    const raced = await admin<{ runs?: RunView[] }>('GET', '/api/2.2/jobs/runs/list', {
      query: { run_type: 'SUBMIT_RUN', limit: 25, start_time_from: Date.now() - 60_000 },
    });
    expect(
      (raced.body.runs ?? []).filter((run) => run.run_name === 'race' && run.run_id === runId),
    ).toHaveLength(1);
    expect(await redis.hget(RunKeys.idempotency(workspaceId), token)).toBe(String(runId));
  });

  it('returns the same run for a repeated run-now token', async () => {
    const jobId = await createJob({ tasks: [notebook('a')] });
    const token = `again-${randomUUID()}`;
    const first = await runNow({ job_id: jobId, idempotency_token: token });
    const again = await runNow({ job_id: jobId, idempotency_token: token });
    expect(again).toEqual(first);
  });

  it('submits a one-time run without a job, and validates its tasks like a job', async () => {
    const runId = await submit({ run_name: 'once', tasks: [notebook('a'), notebook('b', ['a'])] });
    const run = (await getRun(runId)).body;
    expect(run).toMatchObject({ run_id: runId, run_type: 'SUBMIT_RUN', run_name: 'once' });
    expect(run.job_id).toBeUndefined();
    const cycle = await admin<Body>('POST', '/api/2.2/jobs/runs/submit', {
      body: { tasks: [notebook('a', ['b']), notebook('b', ['a'])] },
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body.message).toMatch(/cycle/);
    const empty = await admin<Body>('POST', '/api/2.2/jobs/runs/submit', { body: { tasks: [] } });
    expect(empty.status).toBe(400);
  });

  it('lists the runs of a job newest first, a page at a time, with filters', async () => {
    const jobId = await createJob({ tasks: [notebook('a')] });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await runNow({ job_id: jobId })).run_id);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    type List = { runs?: RunView[]; has_more: boolean; next_page_token?: string };
    const first = await admin<List>('GET', '/api/2.2/jobs/runs/list', { query: { job_id: jobId, limit: 2 } });
    expect(first.body.has_more).toBe(true);
    expect(first.body.runs?.[0]).not.toHaveProperty('tasks');
    const second = await admin<List>('GET', '/api/2.2/jobs/runs/list', {
      query: { job_id: jobId, limit: 2, page_token: first.body.next_page_token ?? '', expand_tasks: true },
    });
    expect(second.body.has_more).toBe(false);
    expect(second.body.runs?.[0]?.tasks).toHaveLength(1);
    const listed = [...(first.body.runs ?? []), ...(second.body.runs ?? [])].map((run) => run.run_id);
    expect(listed).toEqual([...ids].reverse());

    await admin('POST', '/api/2.2/jobs/runs/cancel', { body: { run_id: ids[0] } });
    const active = await admin<List>('GET', '/api/2.2/jobs/runs/list', {
      query: { job_id: jobId, active_only: true },
    });
    expect(active.body.runs?.map((run) => run.run_id)).toEqual([ids[2], ids[1]]);
    const done = await admin<List>('GET', '/api/2.2/jobs/runs/list', {
      query: { job_id: jobId, completed_only: true },
    });
    expect(done.body.runs?.map((run) => run.run_id)).toEqual([ids[0]]);
    const both = await admin<Body>('GET', '/api/2.2/jobs/runs/list', {
      query: { job_id: jobId, active_only: true, completed_only: true },
    });
    expect(both.status).toBe(400);
    expect(both.body.error_code).toBe('INVALID_PARAMETER_VALUE');
  });

  it('cancels a queued run at once: the run and its tasks end CANCELED and leave the queue', async () => {
    const runId = await submit({ tasks: [notebook('a'), notebook('b', ['a'])] });
    const cancel = await admin('POST', '/api/2.2/jobs/runs/cancel', { body: { run_id: runId } });
    expect(cancel.status).toBe(200);
    expect(cancel.body).toEqual({});
    const run = (await getRun(runId)).body;
    expect(run.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'CANCELED' });
    expect(run.status).toMatchObject({ state: 'TERMINATED', termination_details: { code: 'USER_CANCELED' } });
    expect(run.end_time).toBeGreaterThan(0);
    for (const task of run.tasks ?? []) {
      expect(task.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'CANCELED' });
    }
    expect(await redis.zscore(RunKeys.queued(workspaceId), String(runId))).toBeNull();
    expect(await redis.zscore(RunKeys.active(workspaceId), String(runId))).toBeNull();
    const again = await admin('POST', '/api/2.2/jobs/runs/cancel', { body: { run_id: runId } });
    expect(again.status).toBe(200);
    expect((await getRun(runId)).body.end_time).toBe(run.end_time);
  });

  it('asks the scheduler to stop a run it has already taken', async () => {
    const runId = await submit({ tasks: [notebook('a')] });
    // Play the scheduler: claim the run by moving it to PENDING.
    await store.update(runId, (run) => ({
      ...run,
      state: { ...run.state, life_cycle_state: 'PENDING' },
      status: { state: 'PENDING' },
    }));
    expect(await redis.zscore(RunKeys.queued(workspaceId), String(runId))).toBeNull();
    expect((await admin('POST', '/api/2.2/jobs/runs/cancel', { body: { run_id: runId } })).status).toBe(200);
    const stored = await store.get(runId);
    expect(stored?.record.cancel_requested).toBe(true);
    expect(stored?.record.state.life_cycle_state).toBe('PENDING');
    const refused = await admin<Body>('POST', '/api/2.2/jobs/runs/delete', { body: { run_id: runId } });
    expect(refused.status).toBe(400);
    expect(refused.body.error_code).toBe('INVALID_STATE');
    // The scheduler finishes it, so the clean-up can delete it.
    await store.update(runId, (run) => ({
      ...run,
      state: { ...run.state, life_cycle_state: 'TERMINATED', result_state: 'CANCELED' },
      status: { state: 'TERMINATED' },
    }));
    expect(await redis.zscore(RunKeys.active(workspaceId), String(runId))).toBeNull();
  });

  it('cancels all active runs of a job, or only its queued ones', async () => {
    const jobId = await createJob({ tasks: [notebook('a')], max_concurrent_runs: 5 });
    const runs = [(await runNow({ job_id: jobId })).run_id, (await runNow({ job_id: jobId })).run_id];
    const other = await submit({ tasks: [notebook('a')] });
    expect((await admin('POST', '/api/2.2/jobs/runs/cancel-all', { body: { job_id: jobId } })).status).toBe(
      200,
    );
    for (const runId of runs) expect((await getRun(runId)).body.state.result_state).toBe('CANCELED');
    expect((await getRun(other)).body.state.life_cycle_state).toBe('QUEUED');

    // Queued runs only (scoped to the job, so runs of other tests in the workspace are left alone).
    const queued = (await runNow({ job_id: jobId })).run_id;
    const taken = (await runNow({ job_id: jobId })).run_id;
    await store.update(taken, (run) => ({ ...run, state: { ...run.state, life_cycle_state: 'RUNNING' } }));
    const cancelQueued = await admin('POST', '/api/2.2/jobs/runs/cancel-all', {
      body: { job_id: jobId, all_queued_runs: true },
    });
    expect(cancelQueued.status).toBe(200);
    expect((await getRun(queued)).body.state.result_state).toBe('CANCELED');
    expect((await store.get(taken))?.record).toMatchObject({ state: { life_cycle_state: 'RUNNING' } });
    expect((await store.get(taken))?.record.cancel_requested).toBeUndefined();
    await store.update(taken, (run) => ({ ...run, state: { ...run.state, life_cycle_state: 'TERMINATED' } }));

    const neither = await admin<Body>('POST', '/api/2.2/jobs/runs/cancel-all', { body: {} });
    expect(neither.status).toBe(400);
    const missing = await admin<Body>('POST', '/api/2.2/jobs/runs/cancel-all', {
      body: { job_id: 123456789 },
    });
    expect(missing.body.message).toBe('Job 123456789 does not exist');
  });

  it('deletes only finished runs, and a deleted run token cannot start another', async () => {
    const token = `deleted-${randomUUID()}`;
    const runId = await submit({ idempotency_token: token, tasks: [notebook('a')] });
    const active = await admin<Body>('POST', '/api/2.2/jobs/runs/delete', { body: { run_id: runId } });
    expect(active.status).toBe(400);
    expect(active.body.error_code).toBe('INVALID_STATE');
    await admin('POST', '/api/2.2/jobs/runs/cancel', { body: { run_id: runId } });
    const deleted = await admin('POST', '/api/2.2/jobs/runs/delete', { body: { run_id: runId } });
    expect(deleted.status).toBe(200);
    expect((await getRun(runId)).body).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: `Run ${runId} does not exist`,
    });
    expect(await redis.exists(RunKeys.run(runId))).toBe(0);
    const reused = await admin<Body>('POST', '/api/2.2/jobs/runs/submit', {
      body: { idempotency_token: token, tasks: [notebook('a')] },
    });
    expect(reused.status).toBe(400);
    expect(reused.body.message).toMatch(/was deleted/);
  });

  it('answers get-output for a task run, and for a run with a single task', async () => {
    const single = await submit({ tasks: [notebook('only')] });
    const taskRunId = (await getRun(single)).body.tasks?.[0]?.run_id as number;
    await redis.set(
      RunKeys.output(taskRunId),
      JSON.stringify({ notebook_output: { result: '42' }, logs: 'hi' }),
    );
    type Output = Body & { metadata: Body; notebook_output?: { result: string } };
    const byTask = await admin<Output>('GET', '/api/2.2/jobs/runs/get-output', {
      query: { run_id: taskRunId },
    });
    expect(byTask.status).toBe(200);
    expect(byTask.body).toMatchObject({
      notebook_output: { result: '42' },
      logs: 'hi',
      metadata: { run_id: taskRunId, task_key: 'only', state: { life_cycle_state: 'QUEUED' } },
    });
    const byRun = await admin<Output>('GET', '/api/2.2/jobs/runs/get-output', { query: { run_id: single } });
    expect(byRun.status).toBe(200);
    expect(byRun.body).toMatchObject({ notebook_output: { result: '42' }, metadata: { run_id: single } });
  });

  it('refuses get-output for a run with several tasks, and runs/get for a task run id', async () => {
    const runId = await submit({ tasks: [notebook('a'), notebook('b')] });
    const output = await admin<Body>('GET', '/api/2.2/jobs/runs/get-output', { query: { run_id: runId } });
    expect(output.status).toBe(400);
    expect(output.body).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message:
        'Retrieving the output of runs with multiple tasks is not supported. Please retrieve the output of each individual task run instead.',
    });
    const taskRunId = (await getRun(runId)).body.tasks?.[0]?.run_id as number;
    const got = await getRun(taskRunId);
    expect(got.status).toBe(400);
    expect(got.body.message).toBe(`Run ${taskRunId} does not exist`);
  });

  it('keeps runs in Redis: a fresh store on a new connection reads them back', async () => {
    const runId = await submit({ run_name: 'durable', tasks: [notebook('a')] });
    const fresh = new RunStore(createRedisConnection(redisUrl));
    try {
      await fresh.start();
      const stored = await fresh.get(runId);
      expect(stored?.record).toMatchObject({ run_id: runId, run_name: 'durable', workspace_id: workspaceId });
      const taskRunId = stored?.record.tasks[0]?.run_id as number;
      expect((await fresh.lookup(taskRunId))?.taskIndex).toBe(0);
      expect(await fresh.listRunIds(workspaceId, { activeOnly: true })).toContain(runId);
    } finally {
      await fresh.stop();
    }
  });
});
