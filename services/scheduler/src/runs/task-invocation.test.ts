import { newRunRecord } from '@brickyard/common/runs';
import type { Task } from '@brickyard/common/schema';
import { describe, expect, it } from 'vitest';
import { taskInvocation, upstreamTaskRuns } from './task-invocation.js';

const tasks: Task[] = [
  { task_key: 'ingest', notebook_task: { notebook_path: '/nb', base_parameters: { day: 'x' } } },
  {
    task_key: 'load',
    depends_on: [{ task_key: 'ingest' }],
    sql_task: { file: { path: '/q.sql' }, parameters: { a: '1' } },
  },
  {
    task_key: 'report',
    depends_on: [{ task_key: 'load' }],
    spark_python_task: { python_file: '/r.py', parameters: ['--x'] },
  },
];

const run = newRunRecord({
  workspaceId: 5,
  host: 'http://h',
  runId: 100,
  taskRunIds: [101, 102, 103],
  now: 1,
  creatorUserName: 'u',
  runAsUserName: 'u',
  jobId: 9,
  runName: 'r',
  runType: 'JOB_RUN',
  trigger: 'ONE_TIME',
  tasks,
  settings: {},
  jobParameters: [
    { name: 'env', default: 'dev', value: 'prod' },
    { name: 'region', default: 'eu' },
  ],
  overridingParameters: {
    notebook_params: { day: '2024-01-01' },
    sql_params: { a: '2' },
    python_params: ['--y', '3'],
  },
});

describe('task invocations', () => {
  it('gives notebooks the job parameters and the run-now notebook_params', () => {
    const data = taskInvocation(run, run.tasks[0] as (typeof run.tasks)[number], 50);
    expect(data).toMatchObject({
      workspaceId: 5,
      jobId: 9,
      runId: 100,
      taskRunId: 101,
      attempt: 0,
      dispatchedAt: 50,
    });
    expect(data.parameters).toEqual({ env: 'prod', region: 'eu', day: '2024-01-01' });
    expect(data.task).toEqual({ task_key: 'ingest', notebook_task: tasks[0]?.notebook_task });
  });

  it('gives SQL tasks the sql_params over their own parameters', () => {
    expect(taskInvocation(run, run.tasks[1] as (typeof run.tasks)[number], 0).parameters).toEqual({
      env: 'prod',
      region: 'eu',
      a: '2',
    });
  });

  it('replaces a Python file task arguments with python_params', () => {
    const data = taskInvocation(run, run.tasks[2] as (typeof run.tasks)[number], 0);
    expect(data.task.spark_python_task?.parameters).toEqual(['--y', '3']);
    expect(data.upstream).toEqual({ load: 102, ingest: 101 });
  });

  it("replaces a wheel task's named_parameters with python_named_params, and keeps its library", () => {
    const wheelRun = newRunRecord({
      workspaceId: 5,
      host: 'http://h',
      runId: 200,
      taskRunIds: [201],
      now: 1,
      creatorUserName: 'u',
      runAsUserName: 'u',
      runName: 'w',
      runType: 'JOB_RUN',
      trigger: 'ONE_TIME',
      tasks: [
        {
          task_key: 'wheel',
          python_wheel_task: { package_name: 'etl', entry_point: 'main', named_parameters: { day: 'x' } },
          libraries: [{ whl: 'dbfs:/etl.whl' }],
        },
      ],
      settings: {},
      overridingParameters: { python_named_params: { day: '2026-12-03' } },
    });
    const data = taskInvocation(wheelRun, wheelRun.tasks[0] as (typeof wheelRun.tasks)[number], 0);
    expect(data.task.python_wheel_task).toEqual({
      package_name: 'etl',
      entry_point: 'main',
      named_parameters: { day: '2026-12-03' },
    });
    expect(data.task.libraries).toEqual([{ whl: 'dbfs:/etl.whl' }]);
  });

  it('lists every upstream task, directly or not', () => {
    expect(upstreamTaskRuns(run.tasks, 'ingest')).toEqual({});
    expect(upstreamTaskRuns(run.tasks, 'report')).toEqual({ load: 102, ingest: 101 });
  });
});
