import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutableTask } from '@brickyard/common/tasks';
import type { ExecutionEnv } from './executors/execution-env.js';
import { executeNotebookTask } from './executors/notebook-executor.js';
import { executePythonFileTask } from './executors/python-file-executor.js';
import { executePythonWheelTask } from './executors/python-wheel-executor.js';
import { sparkJarArguments, sparkSubmitArguments } from './executors/spark-submit-arguments.js';
import { executeSparkApplication } from './executors/spark-submit-executor.js';
import { executeSqlTask } from './executors/sql-file-executor.js';
import { installTaskLibraries } from './libraries/task-libraries.js';
import { TaskLogs } from './logs/task-logs.js';
import { cancellationMessage, shapeOutcome } from './outcome.js';
import { Dbfs } from './storage/dbfs.js';
import { clusterLogPrefix } from './storage/paths.js';
import type { ExecutionResult, TaskContext, TaskOutcome } from './task-types.js';

/** The task types of the Jobs API that the runtime does not run (yet). */
const OTHER_TYPES = ['condition_task', 'run_job_task', 'pipeline_task', 'dbt_task', 'for_each_task'] as const;

function dispatch(task: ExecutableTask, env: ExecutionEnv): Promise<ExecutionResult> {
  if (task.notebook_task) return executeNotebookTask(task.notebook_task, env);
  if (task.spark_python_task) return executePythonFileTask(task.spark_python_task, env);
  if (task.sql_task) return executeSqlTask(task.sql_task, env);
  if (task.python_wheel_task) return executePythonWheelTask(task.python_wheel_task, task.libraries, env);
  if (task.spark_submit_task)
    return executeSparkApplication(sparkSubmitArguments(task.spark_submit_task), env, 'spark_submit_task');
  if (task.spark_jar_task) {
    const submit = sparkJarArguments(task.spark_jar_task, task.libraries);
    return executeSparkApplication(submit, env, 'spark_jar_task');
  }
  const other = OTHER_TYPES.find((name) => (task as Record<string, unknown>)[name] !== undefined);
  return Promise.resolve({
    result: 'FAILED',
    error: other
      ? `${other} is not supported by the Brickyard runtime yet.`
      : 'The task has no notebook_task, spark_python_task, python_wheel_task, sql_task, spark_submit_task or spark_jar_task.',
  });
}

function workspaceIdOf(value: number | string): number {
  const id = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`not a workspace id: ${value}`);
  return id;
}

/**
 * Runs one task to its end and says how it went. Never throws for the task's own failures (they
 * are FAILED outcomes, with the error and trace); aborting `context.signal` stops it (CANCELED).
 * Full stdout and stderr go to `<logKeyPrefix>/stdout` and `/stderr` in the object store.
 */
export async function executeTask(task: ExecutableTask, context: TaskContext): Promise<TaskOutcome> {
  const startedAt = Date.now();
  const workspaceId = workspaceIdOf(context.workspaceId);
  const runId = String(context.runId);
  const taskRunId = String(context.taskRunId);
  const logKeyPrefix = context.logKeyPrefix ?? clusterLogPrefix(workspaceId, runId, taskRunId);
  const tempDir = await mkdtemp(join(context.tempRoot ?? tmpdir(), 'brickyard-task-'));
  const logs = await TaskLogs.open(context.logDir ?? join(tempDir, 'logs'));
  const logger = context.logger?.child({ workspaceId, runId, taskRunId, taskKey: task.task_key });
  const parameters = { ...context.parameters };
  const env: ExecutionEnv = {
    context,
    workspaceId,
    runId,
    taskRunId,
    storage: context.storage,
    dbfs: new Dbfs(context.storage, workspaceId),
    logs,
    tempDir,
    parameters,
    references: { workspaceId: String(workspaceId), runId, taskRunId, jobParameters: parameters },
    signal: context.signal,
  };

  logger?.info('Started task');
  let result: ExecutionResult;
  try {
    const libraryError = context.libraries ? await installTaskLibraries(task, context.libraries) : undefined;
    if (context.signal?.aborted) result = { result: 'CANCELED' };
    else if (libraryError) result = { result: 'FAILED', error: libraryError };
    else result = await dispatch(task, env);
  } catch (error) {
    const message =
      error instanceof Error
        ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
        : String(error);
    result = {
      result: 'FAILED',
      error: message,
      ...(error instanceof Error && error.stack ? { errorTrace: error.stack } : {}),
    };
    logs.line(message, 'stderr');
  }
  // Stopped from outside: whatever the executor made of the killed child, the run was canceled.
  if (context.signal?.aborted && result.result !== 'SUCCESS') {
    result = { result: 'CANCELED', error: cancellationMessage(context.signal) };
    logs.line(result.error ?? '', 'stderr');
  }
  if (result.result === 'FAILED' && result.error && !result.errorTrace) logs.line(result.error, 'stderr');

  let uploaded = true;
  try {
    await logs.upload(context.storage, logKeyPrefix);
  } catch (error) {
    uploaded = false;
    logger?.warn({ err: error, logKeyPrefix }, 'Failed to upload task logs');
  }
  const tail = logs.tail();
  await rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
  const outcome = shapeOutcome({
    ...result,
    logs: tail,
    startedAt,
    finishedAt: Date.now(),
    logKeyPrefix: uploaded ? logKeyPrefix : undefined,
  });
  logger?.info({ result: outcome.result, durationMs: outcome.durationMs }, 'Finished task');
  return outcome;
}
