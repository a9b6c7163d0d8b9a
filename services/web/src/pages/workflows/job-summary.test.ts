import { describe, expect, it } from 'vitest';
import { computeOf, taskKindOf, triggerOf } from './job-summary';

describe('a job summary', () => {
  it('reads a cron schedule with its time zone and pause status', () => {
    const schedule = {
      quartz_cron_expression: '0 0 6 * * ?',
      timezone_id: 'UTC',
      pause_status: 'PAUSED' as const,
    };
    expect(triggerOf({ schedule })).toEqual({ kind: 'Scheduled', detail: '0 0 6 * * ? (UTC)', paused: true });
  });

  it('calls a job without a trigger manual', () => {
    expect(triggerOf({})).toEqual({ kind: 'Manual', paused: false });
    expect(triggerOf({ continuous: {} })).toEqual({ kind: 'Continuous', paused: false });
  });

  it('names each kind of task with what it runs', () => {
    expect(taskKindOf({ task_key: 'a', notebook_task: { notebook_path: '/Shared/nb' } })).toEqual({
      label: 'Notebook',
      detail: '/Shared/nb',
    });
    expect(taskKindOf({ task_key: 'c', condition_task: { left: '1', op: 'EQUAL_TO', right: '1' } })).toEqual({
      label: 'If/else condition',
      detail: '1 EQUAL_TO 1',
    });
    expect(taskKindOf({ task_key: 'x' })).toEqual({ label: 'Task' });
  });

  it('names where a task runs', () => {
    expect(computeOf({ task_key: 'a', job_cluster_key: 'main' })).toBe('Job cluster main');
    expect(computeOf({ task_key: 'a', existing_cluster_id: '0101-abc' })).toBe('Cluster 0101-abc');
  });
});
