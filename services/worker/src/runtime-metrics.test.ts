import type { TaskJobData, TaskJobResult } from '@brickyard/common/tasks';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createRuntimeMetrics, taskTypeOf } from './runtime-metrics.js';

describe('taskTypeOf', () => {
  it.each([
    [{ notebook_task: { notebook_path: '/n' } }, 'notebook'],
    [{ spark_python_task: { python_file: 'dbfs:/a.py' } }, 'spark_python'],
    [{ sql_task: { query: { query_id: 'q' } } }, 'sql'],
    [{}, 'unknown'],
  ] as const)('labels %j as %s', (task, label) => {
    expect(taskTypeOf(task as never)).toBe(label);
  });
});

describe('createRuntimeMetrics', () => {
  it('counts attempts by task type and result, a timeout as TIMEDOUT', async () => {
    const registry = new Registry();
    const record = createRuntimeMetrics(registry);
    const data = { task: { notebook_task: { notebook_path: '/n' } } } as unknown as TaskJobData;
    const finished = (result: string, timedOut = false) =>
      ({ result, timedOut, startedAt: 0, finishedAt: 2_000 }) as unknown as TaskJobResult;
    record(data, finished('SUCCESS'));
    record(data, finished('FAILED', true));
    const metrics = await registry.getMetricsAsJSON();
    const tasks = metrics.find((m) => m.name === 'brickyard_runtime_tasks_total');
    const count = (labels: Record<string, string>) =>
      tasks?.values.find((v) => v.labels.task_type === labels.task_type && v.labels.result === labels.result)
        ?.value;
    expect(count({ task_type: 'notebook', result: 'SUCCESS' })).toBe(1);
    expect(count({ task_type: 'notebook', result: 'TIMEDOUT' })).toBe(1);
    // Exported before any attempt, so Prometheus sees the first one as an increase.
    expect(count({ task_type: 'sql', result: 'FAILED' })).toBe(0);
    const durations = metrics.find((m) => m.name === 'brickyard_runtime_task_duration_seconds');
    expect(durations?.values.find((v) => v.labels.le === 5)?.value).toBe(2);
  });
});
