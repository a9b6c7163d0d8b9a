import type { ExecutableTask, TaskJobData, TaskJobResult } from '@brickyard/common/tasks';
import { Counter, Histogram, type Registry } from 'prom-client';

export type TaskTypeLabel = 'notebook' | 'spark_python' | 'sql' | 'unknown';

/** The task_type label: which executor a task runs in (bounded, whatever the task holds). */
export function taskTypeOf(task: ExecutableTask): TaskTypeLabel {
  if (task.notebook_task) return 'notebook';
  if (task.spark_python_task) return 'spark_python';
  if (task.sql_task) return 'sql';
  return 'unknown';
}

/** The runtime's task metrics (brickyard_runtime_*), by task type; failures are result != SUCCESS. */
export function createRuntimeMetrics(registry: Registry): (data: TaskJobData, result: TaskJobResult) => void {
  const registers = [registry];
  const tasks = new Counter({
    name: 'brickyard_runtime_tasks_total',
    help: 'Task attempts run by this process, by task type and result',
    labelNames: ['task_type', 'result'],
    registers,
  });
  const durations = new Histogram({
    name: 'brickyard_runtime_task_duration_seconds',
    help: 'How long task attempts ran, by task type',
    labelNames: ['task_type'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800],
    registers,
  });
  // Exported at zero from the start: Prometheus takes a series' first sample as its start, so an
  // attempt that created its series would be missing from increase() and rate().
  for (const taskType of ['notebook', 'spark_python', 'sql'] as const) {
    durations.zero({ task_type: taskType });
    for (const result of ['SUCCESS', 'FAILED'] as const) tasks.inc({ task_type: taskType, result }, 0);
  }
  return (data, result) => {
    const taskType = taskTypeOf(data.task);
    tasks.inc({ task_type: taskType, result: result.timedOut ? 'TIMEDOUT' : result.result });
    durations.observe({ task_type: taskType }, Math.max(0, result.finishedAt - result.startedAt) / 1000);
  };
}
