import { newRunRecord, type RunRecord } from '@brickyard/common/runs';
import { describe, expect, it } from 'vitest';
import { pickOutput, toRunView, toTaskRunMetadata } from './run-view.js';

const record: RunRecord = {
  ...newRunRecord({
    workspaceId: 7,
    host: 'http://h',
    runId: 10,
    taskRunIds: [11],
    now: 1000,
    creatorUserName: 'u@example.com',
    runAsUserName: 'u@example.com',
    jobId: 5,
    runName: 'job',
    runType: 'JOB_RUN',
    trigger: 'ONE_TIME',
    tasks: [{ task_key: 't', notebook_task: { notebook_path: '/n' } }],
    jobClusters: [{ job_cluster_key: 'c', new_cluster: { spark_version: '19.3.x-no-spark-scala2.13' } }],
    settings: { timeout_seconds: 5 },
    idempotencyToken: 'tok',
  }),
  cancel_requested: true,
};
record.number_in_job = 3;
const task = { ...record.tasks[0], logs: 'hello', error: 'boom' } as RunRecord['tasks'][0];

describe('toRunView', () => {
  it('hides what only Brickyard needs', () => {
    const view = toRunView(record) as Record<string, unknown>;
    for (const hidden of ['workspace_id', 'cancel_requested', 'settings', 'idempotency_token']) {
      expect(view).not.toHaveProperty(hidden);
    }
    expect(view).toMatchObject({ run_id: 10, job_id: 5, number_in_job: 3 });
  });

  it('includes tasks and job clusters when expanded', () => {
    const view = toRunView(record, true);
    expect(view.tasks?.map((t) => t.run_id)).toEqual([11]);
    expect(view.job_clusters).toHaveLength(1);
  });

  it('leaves tasks and job clusters out when not expanded', () => {
    const view = toRunView(record, false);
    expect(view.tasks).toBeUndefined();
    expect(view.job_clusters).toBeUndefined();
  });

  it('keeps the outputs of task runs out of the run', () => {
    const view = toRunView({ ...record, tasks: [task] });
    expect(view.tasks?.[0]).not.toHaveProperty('logs');
  });
});

describe('toTaskRunMetadata', () => {
  it('describes the task run with the identity of its run', () => {
    expect(toTaskRunMetadata(record, task)).toMatchObject({
      job_id: 5,
      run_id: 11,
      number_in_job: 11,
      original_attempt_run_id: 11,
      run_name: 't',
      task_key: 't',
      notebook_task: { notebook_path: '/n' },
      creator_user_name: 'u@example.com',
      state: { life_cycle_state: 'QUEUED' },
    });
  });
});

describe('pickOutput', () => {
  it('keeps only output fields', () => {
    expect(pickOutput(task)).toEqual({ logs: 'hello', error: 'boom' });
  });
});
