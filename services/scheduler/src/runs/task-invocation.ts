import type { RunRecord, RunTaskRecord } from '@brickyard/common/runs';
import type { ExecutableTask, TaskJobData } from '@brickyard/common/tasks';

/**
 * What a consumer needs to run one attempt of a task: the task with the run's parameters applied.
 *
 *   job_parameters          every task, as widgets / {{name}} values (they override defaults)
 *   notebook_params         notebook tasks, over the notebook's base_parameters
 *   sql_params              SQL tasks, over the sql_task's parameters
 *   python_params           replace a spark_python_task's or python_wheel_task's parameters (its argv)
 *   python_named_params     replace a python_wheel_task's named_parameters
 *   jar_params              replace a spark_jar_task's parameters
 *   spark_submit_params     replace a spark_submit_task's parameters
 *
 * The task's libraries go with it: a spark_jar_task's jar is one.
 */

const TASK_TYPE_FIELDS = [
  'notebook_task',
  'spark_python_task',
  'sql_task',
  'python_wheel_task',
  'spark_jar_task',
  'spark_submit_task',
  'condition_task',
  'run_job_task',
  'pipeline_task',
  'dbt_task',
  'for_each_task',
  'libraries',
] as const;

function jobParameterValues(run: Pick<RunRecord, 'job_parameters'>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const parameter of run.job_parameters ?? []) {
    const value = parameter.value ?? parameter.default;
    if (value !== undefined) values[parameter.name] = value;
  }
  return values;
}

/** Every task the given one depends on, directly or not: key -> task run id. */
export function upstreamTaskRuns(tasks: readonly RunTaskRecord[], taskKey: string): Record<string, number> {
  const byKey = new Map(tasks.map((task) => [task.task_key, task]));
  const found: Record<string, number> = {};
  const pending = [...(byKey.get(taskKey)?.depends_on ?? []).map((dependency) => dependency.task_key)];
  while (pending.length > 0) {
    const key = pending.pop() as string;
    const task = byKey.get(key);
    if (!task || found[key] !== undefined) continue;
    found[key] = task.run_id;
    pending.push(...(task.depends_on ?? []).map((dependency) => dependency.task_key));
  }
  return found;
}

export function taskInvocation(
  run: Pick<
    RunRecord,
    'workspace_id' | 'job_id' | 'run_id' | 'job_parameters' | 'overriding_parameters' | 'tasks'
  >,
  task: RunTaskRecord,
  now: number,
): TaskJobData {
  const overriding = run.overriding_parameters ?? {};
  const parameters = jobParameterValues(run);
  if (task.notebook_task) Object.assign(parameters, overriding.notebook_params);
  if (task.sql_task) Object.assign(parameters, overriding.sql_params);

  const executable: Record<string, unknown> = { task_key: task.task_key };
  for (const field of TASK_TYPE_FIELDS) if (task[field] !== undefined) executable[field] = task[field];
  if (task.spark_python_task && overriding.python_params) {
    executable.spark_python_task = { ...task.spark_python_task, parameters: [...overriding.python_params] };
  }
  if (task.python_wheel_task && (overriding.python_params || overriding.python_named_params)) {
    executable.python_wheel_task = {
      ...task.python_wheel_task,
      ...(overriding.python_params ? { parameters: [...overriding.python_params] } : {}),
      ...(overriding.python_named_params ? { named_parameters: { ...overriding.python_named_params } } : {}),
    };
  }
  if (task.spark_jar_task && overriding.jar_params) {
    executable.spark_jar_task = { ...task.spark_jar_task, parameters: [...overriding.jar_params] };
  }
  if (task.spark_submit_task && overriding.spark_submit_params) {
    executable.spark_submit_task = {
      ...task.spark_submit_task,
      parameters: [...overriding.spark_submit_params],
    };
  }
  return {
    workspaceId: run.workspace_id,
    ...(run.job_id !== undefined ? { jobId: run.job_id } : {}),
    runId: run.run_id,
    taskRunId: task.run_id,
    attempt: task.attempt_number,
    task: executable as ExecutableTask,
    parameters,
    upstream: upstreamTaskRuns(run.tasks, task.task_key),
    ...(task.timeout_seconds ? { timeoutSeconds: task.timeout_seconds } : {}),
    dispatchedAt: now,
  };
}
