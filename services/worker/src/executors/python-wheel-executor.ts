import { basename, join } from 'node:path';
import type { Task } from '@brickyard/common/schema';
import { parseDbfsPath } from '@brickyard/common/storage';
import { resolveValueReferences } from '@brickyard/common/tasks';
import { runChild } from '../python/child-process.js';
import { pythonExecutable } from '../python/python-environment.js';
import { DbfsError } from '../storage/dbfs.js';
import type { ExecutionResult } from '../task-types.js';
import type { ExecutionEnv } from './execution-env.js';
import { runPythonDriver } from './python-driver.js';

/** The fields of python_wheel_task the runtime reads. */
export interface WheelTask {
  packageName: string;
  entryPoint: string;
  argv: string[];
}

/**
 * python_wheel_task as the Jobs API defines it: `package_name`, `entry_point`, and either
 * `parameters` (sys.argv[1:]) or `named_parameters` (as `--name=value`, Databricks' form).
 */
export function wheelTask(task: NonNullable<Task['python_wheel_task']>): WheelTask | { error: string } {
  const { package_name: packageName, entry_point: entryPoint } = task as Record<string, unknown>;
  if (typeof packageName !== 'string' || packageName.trim() === '') {
    return { error: 'python_wheel_task.package_name is required.' };
  }
  if (typeof entryPoint !== 'string' || entryPoint.trim() === '') {
    return { error: 'python_wheel_task.entry_point is required.' };
  }
  const { parameters, named_parameters: named } = task as Record<string, unknown>;
  if (
    parameters !== undefined &&
    !(Array.isArray(parameters) && parameters.every((p) => typeof p === 'string'))
  ) {
    return { error: 'python_wheel_task.parameters must be a list of strings.' };
  }
  if (named !== undefined && (named === null || typeof named !== 'object' || Array.isArray(named))) {
    return { error: 'python_wheel_task.named_parameters must be an object of strings.' };
  }
  const namedArgs = Object.entries((named ?? {}) as Record<string, unknown>).map(
    ([name, value]) => `--${name}=${String(value)}`,
  );
  return {
    packageName,
    entryPoint,
    argv: namedArgs.length > 0 ? namedArgs : ((parameters as string[]) ?? []),
  };
}

/** The `{"whl": "dbfs:/..."}` libraries of the task. */
export function wheelsOf(libraries: readonly unknown[] | undefined): string[] {
  return (libraries ?? []).flatMap((library) => {
    const whl = (library as { whl?: unknown } | null)?.whl;
    return typeof whl === 'string' && whl !== '' ? [whl] : [];
  });
}

/**
 * Runs a python_wheel_task: the task's wheels are fetched from DBFS and installed with pip into
 * the task's own directory (no index, no dependencies: the runtime's libraries are there, and no
 * package index is reachable), then the driver calls the entry point (wheel metadata first, else
 * `package_name.entry_point`) with the parameters as sys.argv[1:].
 */
export async function executePythonWheelTask(
  task: NonNullable<Task['python_wheel_task']>,
  libraries: readonly unknown[] | undefined,
  env: ExecutionEnv,
): Promise<ExecutionResult> {
  const wheel = wheelTask(task);
  if ('error' in wheel) return { result: 'FAILED', error: wheel.error };
  const paths = wheelsOf(libraries);
  if (paths.length === 0) {
    return {
      result: 'FAILED',
      error: `python_wheel_task needs the wheel of ${wheel.packageName} among the task's libraries ({"whl": "dbfs:/..."}).`,
    };
  }
  const local: string[] = [];
  for (const path of paths) {
    if (!path.startsWith('dbfs:')) {
      return { result: 'FAILED', error: `Wheels are read from DBFS (dbfs:/...) here, not ${path}.` };
    }
    const target = join(env.tempDir, 'wheels', basename(path));
    try {
      await env.dbfs.downloadTo(parseDbfsPath(path), target, false);
    } catch (error) {
      if (error instanceof DbfsError) return { result: 'FAILED', error: `Library ${path}: ${error.message}` };
      throw error;
    }
    local.push(target);
  }
  const site = join(env.tempDir, 'site-packages');
  const python = pythonExecutable(env.context.pythonExecutable, env.context.sparkRemote !== undefined);
  const pip = await runChild(
    python,
    [
      '-m',
      'pip',
      'install',
      '--no-deps',
      '--no-index',
      '--disable-pip-version-check',
      '--quiet',
      '--target',
      site,
      ...local,
    ],
    { cwd: env.tempDir, logs: env.logs, signal: env.signal, env: { PATH: process.env.PATH ?? '' } },
  );
  if (pip.aborted) return { result: 'CANCELED' };
  if (pip.code !== 0) {
    return {
      result: 'FAILED',
      error: `pip could not install ${paths.join(', ')}`,
      errorTrace: env.logs.tail(4 * 1024),
    };
  }
  return runPythonDriver(env, {
    mode: 'wheel',
    paths: [site],
    packageName: wheel.packageName,
    entryPoint: wheel.entryPoint,
    argv: wheel.argv.map((arg) => resolveValueReferences(arg, env.references)),
    widgets: { ...env.parameters },
  });
}
