import { resolveValueReferences } from '@brickyard/common/tasks';
import { runChild } from '../python/child-process.js';
import type { ExecutionResult } from '../task-types.js';
import type { ExecutionEnv } from './execution-env.js';
import type { SubmitArguments } from './spark-submit-arguments.js';

/**
 * Runs an application task (spark_submit_task, spark_jar_task) with spark-submit on the driver
 * pod: an application of its own on the cluster's master, with the cluster's settings, its
 * output in the task's logs. Canceling the run stops spark-submit and its driver JVM.
 */
export async function executeSparkApplication(
  submit: SubmitArguments,
  env: ExecutionEnv,
  taskType: string,
): Promise<ExecutionResult> {
  const command = env.context.sparkSubmit;
  if (!command) {
    return { result: 'FAILED', error: `${taskType} needs a cluster whose runtime runs Spark.` };
  }
  if ('error' in submit) return { result: 'FAILED', error: submit.error };
  const args = submit.args.map((arg) => resolveValueReferences(arg, env.references));
  const exit = await runChild(command.program, [...command.args, ...args], {
    cwd: env.tempDir,
    env: { ...command.env, ...env.context.environment },
    logs: env.logs,
    signal: env.signal,
  });
  if (exit.aborted) return { result: 'CANCELED' };
  if (exit.code === 0) return { result: 'SUCCESS' };
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  return { result: 'FAILED', error: `The Spark application ${how}.`, errorTrace: env.logs.tail(8 * 1024) };
}
