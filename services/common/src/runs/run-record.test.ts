import { describe, expect, it } from 'vitest';
import type { Task } from '../schema/job.js';
import {
  cancelQueuedRun,
  isActiveRun,
  type LifeCycleState,
  type NewRun,
  newRunRecord,
  resolveJobParameters,
  runAsUserName,
  runPageUrl,
} from './run-record.js';

const tasks: Task[] = [
  {
    task_key: 'extract',
    notebook_task: { notebook_path: '/x' },
    existing_cluster_id: '0101-000000-aaaaaaaa',
  },
  {
    task_key: 'load',
    depends_on: [{ task_key: 'extract' }],
    run_if: 'ALL_DONE',
    spark_python_task: { python_file: 'l.py' },
  },
];

const input: NewRun = {
  workspaceId: 42,
  host: 'http://127.0.0.1:18080',
  runId: 1001,
  taskRunIds: [2001, 2002],
  now: 1_700_000_000_000,
  creatorUserName: 'admin@example.com',
  runAsUserName: 'admin@example.com',
  jobId: 77,
  runName: 'etl',
  runType: 'JOB_RUN',
  trigger: 'ONE_TIME',
  tasks,
  settings: { timeout_seconds: 60 },
  idempotencyToken: 'tok',
};

describe('newRunRecord', () => {
  const run = newRunRecord(input);

  it('queues the run and each of its tasks', () => {
    expect(run.state).toEqual({
      life_cycle_state: 'QUEUED',
      state_message: expect.any(String),
      user_cancelled_or_timedout: false,
    });
    expect(run.status).toEqual({ state: 'QUEUED' });
    for (const task of run.tasks) {
      expect(task.state.life_cycle_state).toBe('QUEUED');
      expect(task.status.state).toBe('QUEUED');
      expect(task.attempt_number).toBe(0);
      expect(task.cluster_instance).toBeUndefined();
    }
  });

  it('identifies the run, its job, its creator and its workspace', () => {
    expect(run).toMatchObject({
      workspace_id: 42,
      job_id: 77,
      run_id: 1001,
      original_attempt_run_id: 1001,
      run_name: 'etl',
      run_type: 'JOB_RUN',
      trigger: 'ONE_TIME',
      creator_user_name: 'admin@example.com',
      start_time: 1_700_000_000_000,
      end_time: 0,
      setup_duration: 0,
      execution_duration: 0,
      cleanup_duration: 0,
      settings: { timeout_seconds: 60 },
      idempotency_token: 'tok',
      run_page_url: 'http://127.0.0.1:18080/?o=42#job/77/run/1001',
    });
  });

  it('gives each task its own run id and keeps its definition', () => {
    expect(run.tasks.map((task) => [task.task_key, task.run_id, task.run_if])).toEqual([
      ['extract', 2001, 'ALL_SUCCESS'],
      ['load', 2002, 'ALL_DONE'],
    ]);
    expect(run.tasks[0]).toMatchObject({
      notebook_task: { notebook_path: '/x' },
      existing_cluster_id: '0101-000000-aaaaaaaa',
    });
    expect(run.tasks[1]?.depends_on).toEqual([{ task_key: 'extract' }]);
    expect(run.tasks[1]?.run_page_url).toBe('http://127.0.0.1:18080/?o=42#job/77/run/2002');
  });

  it('leaves out the job of a one-time run', () => {
    const { jobId: _job, ...submit } = input;
    const record = newRunRecord({ ...submit, runType: 'SUBMIT_RUN' });
    expect(record.job_id).toBeUndefined();
    expect(record.number_in_job).toBe(1001);
    expect(record.run_page_url).toBe('http://127.0.0.1:18080/?o=42#job/run/1001');
  });

  it('refuses a task without a run id', () => {
    expect(() => newRunRecord({ ...input, taskRunIds: [1] })).toThrow(/no run id for task load/);
  });
});

describe('resolveJobParameters', () => {
  it.each<[string, Parameters<typeof resolveJobParameters>, ReturnType<typeof resolveJobParameters>]>([
    ['nothing when the job defines none and none are given', [undefined, undefined], undefined],
    [
      'defaults as values',
      [[{ name: 'day', default: 'today' }], undefined],
      [{ name: 'day', default: 'today', value: 'today' }],
    ],
    [
      'given values over defaults, extra names kept',
      [[{ name: 'day', default: 'today' }], { day: 'monday', extra: '1' }],
      [
        { name: 'day', default: 'today', value: 'monday' },
        { name: 'extra', value: '1' },
      ],
    ],
  ])('gives %s', (_case, args, expected) => {
    expect(resolveJobParameters(...args)).toEqual(expected);
  });
});

describe('cancelQueuedRun', () => {
  const run = newRunRecord(input);
  const now = input.now + 5_000;
  const canceled = cancelQueuedRun({ ...run, cancel_requested: true }, now, 'admin@example.com');

  it('terminates the run as canceled by the user', () => {
    expect(canceled.state).toMatchObject({
      life_cycle_state: 'TERMINATED',
      result_state: 'CANCELED',
      user_cancelled_or_timedout: true,
    });
    expect(canceled.status).toMatchObject({
      state: 'TERMINATED',
      termination_details: { code: 'USER_CANCELED', type: 'SUCCESS' },
    });
    expect(canceled).toMatchObject({ end_time: now, run_duration: 5_000, queue_duration: 5_000 });
    expect(canceled.cancel_requested).toBeUndefined();
  });

  it('terminates every unfinished task as canceled', () => {
    for (const task of canceled.tasks) {
      expect(task.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'CANCELED' });
      expect(task.end_time).toBe(now);
    }
  });

  it('leaves tasks that already finished as they are', () => {
    const done = {
      ...run.tasks[0],
      state: { life_cycle_state: 'SKIPPED' as const, state_message: '', user_cancelled_or_timedout: false },
    };
    const result = cancelQueuedRun({ ...run, tasks: [done as (typeof run.tasks)[0]] }, now, 'u');
    expect(result.tasks[0]?.state.life_cycle_state).toBe('SKIPPED');
  });
});

describe('isActiveRun', () => {
  it.each<[LifeCycleState, boolean]>([
    ['QUEUED', true],
    ['PENDING', true],
    ['RUNNING', true],
    ['TERMINATING', true],
    ['BLOCKED', true],
    ['WAITING_FOR_RETRY', true],
    ['TERMINATED', false],
    ['SKIPPED', false],
    ['INTERNAL_ERROR', false],
  ])('counts a %s run as active: %s', (state, active) => {
    expect(
      isActiveRun({
        state: { life_cycle_state: state, state_message: '', user_cancelled_or_timedout: false },
      }),
    ).toBe(active);
  });
});

describe('runPageUrl', () => {
  it('points at the job run in the workspace', () => {
    expect(runPageUrl('https://h', 1, 2, 3)).toBe('https://h/?o=1#job/2/run/3');
  });
});

describe('whom a run acts as', () => {
  it.each([
    ['the user run_as names', { user_name: 'etl@example.com' }, 'etl@example.com'],
    ['the service principal run_as names', { service_principal_name: '6b1f-app-id' }, '6b1f-app-id'],
    ['its owner without run_as', undefined, 'ada@example.com'],
    ['its owner when run_as names no one', { user_name: '' }, 'ada@example.com'],
  ])('is %s', (_case, runAs, expected) => {
    expect(runAsUserName(runAs, 'ada@example.com')).toBe(expected);
  });

  it('is kept with a new run', () => {
    expect(newRunRecord({ ...input, runAsUserName: 'etl@example.com' }).run_as_user_name).toBe(
      'etl@example.com',
    );
  });
});
