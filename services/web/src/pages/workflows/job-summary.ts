import type { JobSettings, JobTask } from './jobs-api';

/** How a job's trigger and its tasks read in lists and summaries, in the Jobs UI's words. */

export interface TriggerSummary {
  /** "Scheduled", "Continuous", "File arrival / table update" or "Manual". */
  kind: string;
  /** The cron expression and its time zone, for a schedule. */
  detail?: string;
  paused: boolean;
}

export function triggerOf(settings: JobSettings): TriggerSummary {
  const { schedule, continuous, trigger } = settings;
  if (schedule) {
    return {
      kind: 'Scheduled',
      detail: `${schedule.quartz_cron_expression} (${schedule.timezone_id})`,
      paused: schedule.pause_status === 'PAUSED',
    };
  }
  if (continuous) return { kind: 'Continuous', paused: continuous.pause_status === 'PAUSED' };
  if (trigger) return { kind: 'File arrival / table update', paused: trigger.pause_status === 'PAUSED' };
  return { kind: 'Manual', paused: false };
}

export interface TaskKind {
  label: string;
  /** What it runs: a path, a condition, a job id. */
  detail?: string;
}

export function taskKindOf(task: JobTask): TaskKind {
  if (task.notebook_task) return { label: 'Notebook', detail: task.notebook_task.notebook_path };
  if (task.spark_python_task) return { label: 'Python script', detail: task.spark_python_task.python_file };
  if (task.sql_task)
    return { label: 'SQL', ...(task.sql_task.file ? { detail: task.sql_task.file.path } : {}) };
  if (task.condition_task) {
    const { left = '', op = '', right = '' } = task.condition_task;
    return { label: 'If/else condition', detail: `${left} ${op} ${right}` };
  }
  if (task.run_job_task) return { label: 'Run job', detail: `Job ${task.run_job_task.job_id ?? '?'}` };
  return { label: 'Task' };
}

/** Where a task runs, as its settings name it. */
export function computeOf(task: JobTask): string {
  if (task.existing_cluster_id) return `Cluster ${task.existing_cluster_id}`;
  if (task.job_cluster_key) return `Job cluster ${task.job_cluster_key}`;
  if (task.condition_task) return 'None (evaluated by the scheduler)';
  return 'Serverless or task default';
}
