import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TaskLogs } from '../logs/task-logs.js';
import { type Bridge, startBridge } from '../python/bridge-server.js';
import { type ChildExit, runChild } from '../python/child-process.js';
import { childEnvironment, pythonExecutable, pythonPackageDir } from '../python/python-environment.js';
import { describeRuntimeError, runtimeBridgeHandlers } from '../python/runtime-bridge.js';
import { releaseSparkSession, sessionRemote } from '../python/spark-session.js';
import { workspaceSecrets } from '../python/workspace-secrets.js';
import { SqlSession } from '../sql/sql-session.js';
import type { ExecutionResult } from '../task-types.js';
import type { ExecutionEnv } from './execution-env.js';

/** A notebook cell the driver runs; a pip cell's source is its %pip arguments (brickyard/pip_magic.py). */
export interface RunnableCell {
  index: number;
  kind: 'python' | 'sql' | 'pip';
  source: string;
}

/** What brickyard/driver.py runs (see its docstring for the fields). */
export type DriverSpec =
  | {
      mode: 'notebook';
      notebookPath: string;
      cells: RunnableCell[];
      widgets: Record<string, string>;
    }
  | { mode: 'file'; file: string; displayName: string; argv: string[]; widgets: Record<string, string> }
  | {
      mode: 'wheel';
      /** Directories the wheels were installed into, put first on sys.path. */
      paths: string[];
      packageName: string;
      entryPoint: string;
      argv: string[];
      widgets: Record<string, string>;
    }
  | { mode: 'sql'; scripts: { label: string; source: string }[]; widgets: Record<string, string> };

interface DriverResult {
  status?: string;
  exitValue?: string;
  error?: string;
  errorTrace?: string;
}

/**
 * Runs the Python driver for a notebook, a file or (with Spark) SQL scripts: one python3 process
 * in its own process group, a bridge for dbutils and SQL cells, and a DuckDB session opened when
 * a SQL cell first needs it. With Spark, the process has the run's own Spark Connect session.
 */
export async function runPythonDriver(env: ExecutionEnv, spec: DriverSpec): Promise<ExecutionResult> {
  const workDir = join(env.tempDir, 'work');
  const childTemp = join(env.tempDir, 'tmp');
  await Promise.all([mkdir(workDir, { recursive: true }), mkdir(childTemp, { recursive: true })]);

  let session: Promise<SqlSession> | undefined;
  const openSession = () => {
    session ??= SqlSession.open(env.dbfs, join(env.tempDir, 'sql'));
    return session;
  };
  const interrupt = () => {
    session?.then((s) => s.interrupt()).catch(() => undefined);
  };
  env.signal?.addEventListener('abort', interrupt, { once: true });

  const taskValues = new Map<string, unknown>();
  const bridge = await startBridge(
    runtimeBridgeHandlers({
      dbfs: env.dbfs,
      downloadDir: join(env.tempDir, 'downloads'),
      sql: openSession,
      taskValues,
      secrets: workspaceSecrets(env.context.computeCaller),
      signal: env.signal,
    }),
    describeRuntimeError,
  );
  const specFile = join(env.tempDir, 'driver-spec.json');
  const resultFile = join(env.tempDir, 'driver-result.json');
  try {
    await writeFile(
      specFile,
      JSON.stringify({ ...spec, taskValues: env.context.upstreamTaskValues ?? {}, resultFile }),
    );
    // The run's own Spark Connect session, when the runtime runs Spark.
    const sparkRemote = env.context.sparkRemote
      ? sessionRemote(env.context.sparkRemote, randomUUID())
      : undefined;
    const python = pythonExecutable(env.context.pythonExecutable, sparkRemote !== undefined);
    const childEnv = driverEnvironment(env, bridge, childTemp, sparkRemote);
    const exit = await runChild(python, ['-m', 'brickyard.driver', specFile], {
      cwd: workDir,
      logs: env.logs,
      signal: env.signal,
      env: childEnv,
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new Error(`the Python interpreter '${python}' was not found`);
      throw error;
    });
    // The driver releases its session as it ends; a killed one leaves that to us, and until then
    // what it started keeps running on the cluster's shared driver.
    if (sparkRemote && (exit.aborted || exit.code !== 0)) {
      await releaseSparkSession(python, childEnv, workDir, env.logs);
    }
    if (exit.aborted) return { result: 'CANCELED' };
    return await driverOutcome(resultFile, exit, taskValues, env.logs);
  } finally {
    env.signal?.removeEventListener('abort', interrupt);
    await bridge.close();
    if (session) await (await session.catch(() => undefined))?.close();
  }
}

function driverEnvironment(
  env: ExecutionEnv,
  bridge: Bridge,
  tempDir: string,
  sparkRemote: string | undefined,
): NodeJS.ProcessEnv {
  return childEnvironment({
    packageDir: pythonPackageDir(),
    tempDir,
    bridgeUrl: bridge.url,
    bridgeToken: bridge.token,
    workspaceId: env.workspaceId,
    runId: env.runId,
    taskRunId: env.taskRunId,
    extra: env.context.environment,
    sparkRemote,
    computeCaller: env.context.computeCaller,
  });
}

/**
 * How the task went, from the result file the driver writes last; without one, the process died
 * first, and how it ended (and the tail of its log) is the error. Task values set so far count.
 */
async function driverOutcome(
  resultFile: string,
  exit: ChildExit,
  taskValues: ReadonlyMap<string, unknown>,
  logs: TaskLogs,
): Promise<ExecutionResult> {
  const values = taskValues.size > 0 ? { taskValues: Object.fromEntries(taskValues) } : {};
  const text = await readFile(resultFile, 'utf8').catch(() => undefined);
  if (text === undefined) {
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    return {
      result: 'FAILED',
      error: `The Python process ${how} before the task finished.`,
      errorTrace: logs.tail(8 * 1024),
      ...values,
    };
  }
  const result = JSON.parse(text) as DriverResult;
  if (result.status === 'SUCCESS') {
    return {
      result: 'SUCCESS',
      ...(result.exitValue === undefined ? {} : { exitValue: result.exitValue }),
      ...values,
    };
  }
  return {
    result: 'FAILED',
    error: result.error ?? 'The task failed.',
    ...(result.errorTrace === undefined ? {} : { errorTrace: result.errorTrace }),
    ...values,
  };
}
