import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { RunKeys } from '@brickyard/common/runs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Body, buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * The Jobs API's request/response contract: jobs (Job resources) and runs (Redis). The workspace
 * is held from the scheduler, so every run stays as the API wrote it (QUEUED) and nothing executes.
 */
let api: TestApp;
let workspace: TestWorkspace;
const redis = createRedisConnection(readPlatformEnv().redisUrl);

const notebook = (task_key: string, extra: Body = {}) => ({
  task_key,
  notebook_task: { notebook_path: `/Shared/${task_key}` },
  ...extra,
});

interface JobView {
  job_id: number;
  creator_user_name: string;
  run_as_user_name: string;
  created_time: number;
  settings: Body & { name: string; tasks?: Body[] };
}

interface RunView {
  run_id: number;
  job_id?: number;
  number_in_job: number;
  original_attempt_run_id: number;
  run_name: string;
  run_type: string;
  trigger: string;
  creator_user_name: string;
  state: { life_cycle_state: string; result_state?: string; state_message?: string };
  status: { state: string; termination_details?: { code: string; type: string } };
  start_time: number;
  end_time: number;
  setup_duration: number;
  execution_duration: number;
  cleanup_duration: number;
  run_page_url: string;
  tasks?: (Body & { task_key: string; run_id: number; state: { life_cycle_state: string } })[];
}

const post = <T = Body>(path: string, body: unknown) =>
  workspace.admin<T>('POST', `/api/2.2/jobs/${path}`, { body });
const getJob = (jobId: number | string, version = '2.2') =>
  workspace.admin<JobView>('GET', `/api/${version}/jobs/get`, { query: { job_id: jobId } });
const getRun = (runId: number | string) =>
  workspace.admin<RunView>('GET', '/api/2.2/jobs/runs/get', { query: { run_id: runId } });

async function createJob(settings: Body): Promise<number> {
  const response = await post<{ job_id: number }>('create', settings);
  expect(response.status, response.text).toBe(200);
  return response.body.job_id;
}

const MISSING_JOB = 123_456_789_012_345;
const MISSING_RUN = 987_654_321_098_765;

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-jobs');
  await redis.sadd(RunKeys.heldWorkspaces, String(workspace.workspaceId));
  // The scheduler reads the held workspaces on its next poll (every second).
  await new Promise((resolve) => setTimeout(resolve, 1500));
});

afterAll(async () => {
  if (workspace) {
    await post('runs/cancel-all', { all_queued_runs: true });
    await redis.srem(RunKeys.heldWorkspaces, String(workspace.workspaceId));
    await workspace.remove();
  }
  redis.disconnect();
  await api?.close();
});

describe('jobs/create and jobs/get', () => {
  it('answers a job id, and the job as the SDK reads it under every version prefix', async () => {
    const jobId = await createJob({ name: 'contract', tasks: [notebook('a')], ignored_field: true });
    expect(Number.isSafeInteger(jobId)).toBe(true);
    const got = await getJob(jobId);
    expect(got.status).toBe(200);
    expect(got.body).toEqual({
      job_id: jobId,
      creator_user_name: expect.any(String),
      run_as_user_name: expect.any(String),
      created_time: expect.any(Number),
      settings: expect.objectContaining({ name: 'contract', max_concurrent_runs: 1, tasks: [notebook('a')] }),
    });
    expect(got.body.settings).not.toHaveProperty('ignored_field');
    for (const version of ['2.0', '2.1']) expect((await getJob(jobId, version)).body).toEqual(got.body);
  });

  it.each<[string, unknown, RegExp?]>([
    ['tasks that are not a list', { tasks: 'a' }, /tasks/],
    ['a task without task_key', { tasks: [{ notebook_task: { notebook_path: '/x' } }] }, /task_key/],
    ['a task without a task type', { tasks: [{ task_key: 'a' }] }, /exactly one task type/],
    ['repeated task keys', { tasks: [notebook('a'), notebook('a')] }, /task_key must be unique/],
    [
      'a dependency on no task',
      { tasks: [notebook('a', { depends_on: [{ task_key: 'b' }] })] },
      /depends on b/,
    ],
    [
      'a dependency cycle',
      {
        tasks: [
          notebook('a', { depends_on: [{ task_key: 'b' }] }),
          notebook('b', { depends_on: [{ task_key: 'a' }] }),
        ],
      },
      /cycle/,
    ],
    ['an undefined job cluster', { tasks: [notebook('a', { job_cluster_key: 'nope' })] }, /job cluster nope/],
    [
      'a bad cron expression',
      { schedule: { quartz_cron_expression: '* * *', timezone_id: 'UTC' } },
      /quartz_cron_expression/,
    ],
    ['max_concurrent_runs of the wrong type', { max_concurrent_runs: 'many' }, /max_concurrent_runs/],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE', async (_case, body, message) => {
    expectDatabricksError(await post('create', body), 400, 'INVALID_PARAMETER_VALUE', message);
  });

  it('refuses settings too large to store with 400, on create and on reset', async () => {
    const big = (key: string) =>
      notebook(key, { notebook_task: { notebook_path: '/x', base_parameters: { v: 'v'.repeat(2000) } } });
    const tasks = Array.from({ length: 700 }, (_, index) => big(`t${index}`));
    expectDatabricksError(
      await post('create', { tasks }),
      400,
      'INVALID_PARAMETER_VALUE',
      /The job is \d+ bytes as stored/,
    );
    const jobId = await createJob({ name: 'small' });
    const reset = await post('reset', { job_id: jobId, new_settings: { tasks } });
    expectDatabricksError(reset, 400, 'INVALID_PARAMETER_VALUE', /The job is \d+ bytes as stored/);
    expect((await getJob(jobId)).body.settings.name).toBe('small');
  });

  it('answers a missing job with 400 INVALID_PARAMETER_VALUE, as Databricks does', async () => {
    expectDatabricksError(
      await getJob(MISSING_JOB),
      400,
      'INVALID_PARAMETER_VALUE',
      `Job ${MISSING_JOB} does not exist`,
    );
  });

  it.each<[string, string | number | undefined]>([
    ['no job_id', undefined],
    ['a job_id that is no number', 'abc'],
    ['a job_id of 0', 0],
    ['a job_id beyond 2^53', '90071992547409930'],
  ])('refuses %s with 400', async (_case, jobId) => {
    const response = await workspace.admin('GET', '/api/2.2/jobs/get', { query: { job_id: jobId } });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE', /job_id/);
  });
});

describe('run_as', () => {
  const asUser = <T = Body>(path: string, body: unknown) =>
    workspace.user<T>('POST', `/api/2.2/jobs/${path}`, { body });

  it('may name its own saver, and only an admin may name someone else of the workspace', async () => {
    const own = await asUser<{ job_id: number }>('create', {
      name: 'mine',
      run_as: { service_principal_name: workspace.userName },
    });
    expect(own.status, own.text).toBe(200);
    expect((await getJob(own.body.job_id)).body.run_as_user_name).toBe(workspace.userName);

    for (const [path, body] of [
      ['create', { name: 'theirs', run_as: { user_name: 'someone.else@example.com' } }],
      [
        'update',
        { job_id: own.body.job_id, new_settings: { run_as: { user_name: 'someone.else@example.com' } } },
      ],
      [
        'runs/submit',
        { run_name: 'theirs', run_as: { user_name: 'someone.else@example.com' }, tasks: [notebook('a')] },
      ],
    ] as const) {
      expectDatabricksError(
        await asUser(path, body),
        403,
        'PERMISSION_DENIED',
        `Only workspace admins may set run_as to someone else: ${workspace.userName} may not run as someone.else@example.com`,
      );
    }
    expectDatabricksError(
      await post('create', { name: 'nobody', run_as: { user_name: 'nobody@example.com' } }),
      400,
      'INVALID_PARAMETER_VALUE',
      'run_as names nobody@example.com, who is not a user or service principal of this workspace',
    );
    const asColleague = await createJob({
      name: 'as colleague',
      run_as: { service_principal_name: workspace.userName },
    });
    const got = (await getJob(asColleague)).body;
    expect(got.run_as_user_name).toBe(workspace.userName);
    expect(got.creator_user_name).not.toBe(workspace.userName);
  });
});

describe('jobs/list', () => {
  it('lists jobs without their tasks unless asked, with has_more', async () => {
    const jobId = await createJob({ name: 'listed', tasks: [notebook('t')] });
    const listed = await workspace.admin<{ jobs: JobView[]; has_more: boolean }>(
      'GET',
      '/api/2.2/jobs/list',
      {
        query: { name: 'listed' },
      },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.has_more).toBe(false);
    expect(listed.body.jobs.map((job) => job.job_id)).toEqual([jobId]);
    expect(listed.body.jobs[0]?.settings).not.toHaveProperty('tasks');
    const expanded = await workspace.admin<{ jobs: JobView[] }>('GET', '/api/2.2/jobs/list', {
      query: { name: 'listed', expand_tasks: true },
    });
    expect(expanded.body.jobs[0]?.settings.tasks).toHaveLength(1);
  });

  it('leaves out `jobs` when there are none, as Databricks does', async () => {
    const response = await workspace.admin('GET', '/api/2.2/jobs/list', { query: { name: 'no such job' } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ has_more: false });
  });

  it.each<[string, Record<string, string | number>]>([
    ['a limit over 100', { limit: 101 }],
    ['a limit of 0', { limit: 0 }],
    ['a negative offset', { offset: -1 }],
    ['a page token it never gave', { page_token: 'x' }],
  ])('refuses %s with 400', async (_case, query) => {
    expectDatabricksError(
      await workspace.admin('GET', '/api/2.2/jobs/list', { query }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
  });
});

describe('jobs/reset, jobs/update and jobs/delete', () => {
  it('answers {} and changes the settings', async () => {
    const jobId = await createJob({ name: 'before', tasks: [notebook('a')] });
    const reset = await post('reset', {
      job_id: jobId,
      new_settings: { name: 'reset', tasks: [notebook('b')] },
    });
    expect({ status: reset.status, body: reset.body }).toEqual({ status: 200, body: {} });
    const update = await post('update', { job_id: jobId, new_settings: { name: 'updated' } });
    expect({ status: update.status, body: update.body }).toEqual({ status: 200, body: {} });
    expect((await getJob(jobId)).body.settings).toMatchObject({ name: 'updated', tasks: [notebook('b')] });
    const removed = await post('delete', { job_id: jobId });
    expect({ status: removed.status, body: removed.body }).toEqual({ status: 200, body: {} });
    expectDatabricksError(await getJob(jobId), 400, 'INVALID_PARAMETER_VALUE', `Job ${jobId} does not exist`);
  });

  it.each<[string, Body]>([
    ['reset', { new_settings: { name: 'x' } }],
    ['update', { new_settings: { name: 'x' } }],
    ['delete', {}],
    ['run-now', {}],
  ])('answers %s of a missing job with 400 INVALID_PARAMETER_VALUE', async (action, extra) => {
    const response = await post(action, { job_id: MISSING_JOB, ...extra });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE', `Job ${MISSING_JOB} does not exist`);
  });

  it.each<[string, string, Body]>([
    ['reset', 'without new_settings', { job_id: 1 }],
    ['reset', 'without job_id', { new_settings: {} }],
    ['update', 'with fields_to_remove that is no list', { job_id: 1, fields_to_remove: { name: true } }],
    ['delete', 'without job_id', {}],
  ])('refuses %s %s with 400', async (action, _case, body) => {
    expectDatabricksError(await post(action, body), 400, 'INVALID_PARAMETER_VALUE');
  });

  it('refuses to remove a field it does not know', async () => {
    const jobId = await createJob({ tasks: [notebook('a')] });
    const response = await post('update', { job_id: jobId, fields_to_remove: ['no_such_field'] });
    expectDatabricksError(
      response,
      400,
      'INVALID_PARAMETER_VALUE',
      /Cannot remove unknown field no_such_field/,
    );
  });
});

describe('runs', () => {
  let jobId: number;
  let runId: number;

  beforeAll(async () => {
    jobId = await createJob({
      name: 'runs',
      tasks: [notebook('first'), notebook('second', { depends_on: [{ task_key: 'first' }] })],
    });
  });

  it('run-now answers run_id and number_in_job', async () => {
    const response = await post<{ run_id: number; number_in_job: number }>('run-now', {
      job_id: jobId,
      notebook_params: { day: 'monday' },
    });
    expect(response.status, response.text).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['number_in_job', 'run_id']);
    runId = response.body.run_id;
  });

  it('runs/get answers the run as the SDK reads it, its tasks with their own run ids', async () => {
    const response = await getRun(runId);
    expect(response.status).toBe(200);
    const run = response.body;
    expect(run).toMatchObject({
      run_id: runId,
      job_id: jobId,
      number_in_job: expect.any(Number),
      original_attempt_run_id: runId,
      run_name: 'runs',
      run_type: 'JOB_RUN',
      trigger: 'ONE_TIME',
      state: { life_cycle_state: 'QUEUED' },
      status: { state: 'QUEUED' },
      start_time: expect.any(Number),
      setup_duration: expect.any(Number),
      execution_duration: expect.any(Number),
      cleanup_duration: expect.any(Number),
      run_page_url: expect.stringContaining(String(runId)),
    });
    expect(run.tasks?.map((task) => task.task_key)).toEqual(['first', 'second']);
    const taskRunIds = run.tasks?.map((task) => task.run_id) ?? [];
    expect(new Set([runId, ...taskRunIds]).size).toBe(3);
  });

  it('runs/get answers a missing run with 400 INVALID_PARAMETER_VALUE, as Databricks does', async () => {
    expectDatabricksError(
      await getRun(MISSING_RUN),
      400,
      'INVALID_PARAMETER_VALUE',
      `Run ${MISSING_RUN} does not exist`,
    );
  });

  it.each<[string, string | number | undefined]>([
    ['no run_id', undefined],
    ['a run_id that is no number', 'abc'],
    ['a negative run_id', -5],
  ])('runs/get refuses %s with 400', async (_case, id) => {
    const response = await workspace.admin('GET', '/api/2.2/jobs/runs/get', { query: { run_id: id } });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE', /run_id/);
  });

  it('runs/list lists the runs of a job, and leaves out `runs` when there are none', async () => {
    const listed = await workspace.admin<{ runs: RunView[]; has_more: boolean }>(
      'GET',
      '/api/2.2/jobs/runs/list',
      {
        query: { job_id: jobId },
      },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.has_more).toBe(false);
    expect(listed.body.runs.map((run) => run.run_id)).toEqual([runId]);
    expect(listed.body.runs[0]).not.toHaveProperty('tasks');
    const none = await workspace.admin('GET', '/api/2.2/jobs/runs/list', { query: { completed_only: true } });
    expect(none.body).toEqual({ has_more: false });
  });

  it.each<[string, Record<string, string | number | boolean>]>([
    ['active_only with completed_only', { active_only: true, completed_only: true }],
    ['a limit over 25', { limit: 26 }],
    ['an unknown run_type', { run_type: 'NIGHTLY' }],
    ['a page token it never gave', { page_token: '***' }],
  ])('runs/list refuses %s with 400', async (_case, query) => {
    expectDatabricksError(
      await workspace.admin('GET', '/api/2.2/jobs/runs/list', { query }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
  });

  it('runs/get-output refuses a run of several tasks, and answers for one task run', async () => {
    const whole = await workspace.admin('GET', '/api/2.2/jobs/runs/get-output', { query: { run_id: runId } });
    expectDatabricksError(whole, 400, 'INVALID_PARAMETER_VALUE', /multiple tasks/);
    const taskRunId = (await getRun(runId)).body.tasks?.[0]?.run_id;
    const task = await workspace.admin<{ metadata: RunView }>('GET', '/api/2.2/jobs/runs/get-output', {
      query: { run_id: taskRunId as number },
    });
    expect(task.status, task.text).toBe(200);
    expect(task.body.metadata).toMatchObject({ run_id: taskRunId, state: { life_cycle_state: 'QUEUED' } });
  });

  it('run-now refuses `only` naming no task of the job', async () => {
    expectDatabricksError(
      await post('run-now', { job_id: jobId, only: ['nope'] }),
      400,
      'INVALID_PARAMETER_VALUE',
      /Tasks nope given in only/,
    );
  });

  it('run-now refuses a job without tasks', async () => {
    const empty = await createJob({ name: 'empty' });
    expectDatabricksError(
      await post('run-now', { job_id: empty }),
      400,
      'INVALID_PARAMETER_VALUE',
      /no tasks/,
    );
  });

  it('run-now with an idempotency token answers the same run twice', async () => {
    const body = { job_id: jobId, idempotency_token: `token-${runId}` };
    const first = await post<{ run_id: number }>('run-now', body);
    const second = await post<{ run_id: number }>('run-now', body);
    expect(first.status).toBe(200);
    expect(second.body.run_id).toBe(first.body.run_id);
  });

  it('runs/delete refuses an active run with 400 INVALID_STATE', async () => {
    expectDatabricksError(
      await post('runs/delete', { run_id: runId }),
      400,
      'INVALID_STATE',
      /only finished runs/,
    );
  });

  it('runs/cancel answers {} and a queued run ends CANCELED at once', async () => {
    const response = await post('runs/cancel', { run_id: runId });
    expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: {} });
    const run = (await getRun(runId)).body;
    expect(run.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'CANCELED' });
    expect(run.status.state).toBe('TERMINATED');
    expect(run.end_time).toBeGreaterThan(0);
  });

  it('runs/delete answers {} for a finished run, which is then gone', async () => {
    const response = await post('runs/delete', { run_id: runId });
    expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: {} });
    expectDatabricksError(await getRun(runId), 400, 'INVALID_PARAMETER_VALUE', `Run ${runId} does not exist`);
  });

  it.each(['runs/cancel', 'runs/delete'])(
    '%s answers a missing run with 400 INVALID_PARAMETER_VALUE',
    async (action) => {
      expectDatabricksError(
        await post(action, { run_id: MISSING_RUN }),
        400,
        'INVALID_PARAMETER_VALUE',
        `Run ${MISSING_RUN} does not exist`,
      );
    },
  );

  it('runs/cancel-all needs job_id or all_queued_runs, and knows the job', async () => {
    expectDatabricksError(
      await post('runs/cancel-all', {}),
      400,
      'INVALID_PARAMETER_VALUE',
      /job_id or all_queued_runs/,
    );
    expectDatabricksError(
      await post('runs/cancel-all', { job_id: MISSING_JOB }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    const response = await post('runs/cancel-all', { job_id: jobId });
    expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: {} });
  });
});

describe('runs/submit', () => {
  it('answers run_id, and the run is a SUBMIT_RUN without a job', async () => {
    const response = await post<{ run_id: number }>('runs/submit', {
      run_name: 'once',
      tasks: [notebook('only')],
    });
    expect(response.status, response.text).toBe(200);
    expect(Object.keys(response.body)).toEqual(['run_id']);
    const run = (await getRun(response.body.run_id)).body;
    expect(run).toMatchObject({ run_id: response.body.run_id, run_name: 'once', run_type: 'SUBMIT_RUN' });
    expect(run).not.toHaveProperty('job_id');
    const output = await workspace.admin<{ metadata: RunView }>('GET', '/api/2.2/jobs/runs/get-output', {
      query: { run_id: response.body.run_id },
    });
    expect(output.status).toBe(200);
    expect(output.body.metadata.run_id).toBe(response.body.run_id);
  });

  it.each<[string, Body, RegExp?]>([
    ['no tasks', { run_name: 'x' }, /tasks/],
    ['an empty task list', { tasks: [] }, /tasks/],
    [
      'a task of two types',
      { tasks: [notebook('a', { spark_python_task: { python_file: '/x.py' } })] },
      /exactly one task type/,
    ],
    ['a negative timeout', { tasks: [notebook('a')], timeout_seconds: -1 }, /timeout_seconds/],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE', async (_case, body, message) => {
    expectDatabricksError(await post('runs/submit', body), 400, 'INVALID_PARAMETER_VALUE', message);
  });
});
