import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the runtime's Python package (services/worker/python/brickyard) is: $BRICKYARD_WORKER_PYTHON_DIR,
 * else found from this module's location, in the source tree or in dist/.
 */
export function pythonPackageDir(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [
    env.BRICKYARD_WORKER_PYTHON_DIR,
    // services/worker/src/python/ -> services/worker/python
    fileURLToPath(new URL('../../python', import.meta.url)),
    // services/worker/dist/python/ -> <repo>/services/worker/python
    fileURLToPath(new URL('../../../../../services/worker/python', import.meta.url)),
  ];
  for (const candidate of candidates) {
    if (candidate && existsSync(`${candidate}/brickyard/driver.py`)) return candidate;
  }
  throw new Error(
    "the runtime's Python package (services/worker/python) was not found; set BRICKYARD_WORKER_PYTHON_DIR",
  );
}

/**
 * The interpreter of a task's Python process: the caller's; with Spark, the Spark runtime's
 * ($BRICKYARD_SPARK_RUNTIME/venv: pyspark and the data libraries) when it is installed; else
 * $BRICKYARD_PYTHON or python3.
 */
export function pythonExecutable(
  override: string | undefined,
  spark: boolean,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (override) return override;
  if (spark && env.BRICKYARD_SPARK_RUNTIME)
    return join(env.BRICKYARD_SPARK_RUNTIME, 'venv', 'bin', 'python3');
  return env.BRICKYARD_PYTHON ?? 'python3';
}

/** Where the pod's libraries are (libraries/start-libraries.ts sets it on the runtime's own environment). */
export const LIBRARIES_DIR_VARIABLE = 'BRICKYARD_LIBRARIES_DIR';

/** The file where the driver lists the JVM libraries every Spark session adds (brickyard/spark_session.py). */
export const JVM_LIBRARIES_VARIABLE = 'BRICKYARD_JVM_LIBRARIES';

/** Where the process finds the credential its Spark session acts with; it removes it from its environment. */
const COMPUTE_CALLER_VARIABLE = 'BRICKYARD_COMPUTE_CALLER';

/** Variables passed through from the worker's environment: never credentials or platform addresses. */
const PASSED = [
  'PATH',
  'HOME',
  'LANG',
  'LANGUAGE',
  'TZ',
  'USER',
  'LOGNAME',
  'SHELL',
  'TERM',
  'SSL_CERT_FILE',
];

export interface ChildEnvironmentOptions {
  packageDir: string;
  tempDir: string;
  bridgeUrl: string;
  bridgeToken: string;
  workspaceId: number;
  runId: string;
  taskRunId: string;
  /** The cluster's spark_env_vars and the like; cannot override the runtime's own variables. */
  extra?: Readonly<Record<string, string>> | undefined;
  /** The run's Spark Connect session (sessionRemote), when the runtime runs Spark. */
  sparkRemote?: string | undefined;
  /**
   * The credential of whom the work is for: its Spark session acts with it
   * (brickyard/spark_session.py), and it is the process's API token.
   */
  computeCaller?: string | undefined;
}

/**
 * The Python process's environment: a few harmless variables of the worker's (never its S3 keys,
 * Redis URL or kubeconfig), the caller's extras, and the runtime's own.
 */
export function childEnvironment(options: ChildEnvironmentOptions, env: NodeJS.ProcessEnv = process.env) {
  const result: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && (PASSED.includes(name) || name.startsWith('LC_'))) result[name] = value;
  }
  // The work's API token, as Databricks gives notebooks one: the SDK, the CLI and MLflow's
  // `databricks` tracking URI find it. The cluster's own variables may name others.
  if (options.computeCaller && env.BRICKYARD_API_URL) {
    result.DATABRICKS_HOST = env.BRICKYARD_API_URL;
    result.DATABRICKS_TOKEN = options.computeCaller;
  }
  // SPARK_REMOTE is the runtime's to set: it turns Spark on in the driver.
  for (const [name, value] of Object.entries(options.extra ?? {})) {
    if (name !== 'SPARK_REMOTE') result[name] = value;
  }
  // The pod's libraries (libraries/start-libraries.ts) come after the runtime's own package.
  const path = [options.packageDir, env[LIBRARIES_DIR_VARIABLE], options.extra?.PYTHONPATH].filter(Boolean);
  Object.assign(result, {
    PYTHONPATH: path.join(':'),
    PYTHONUNBUFFERED: '1',
    PYTHONIOENCODING: 'utf-8',
    PYTHONDONTWRITEBYTECODE: '1',
    TMPDIR: options.tempDir,
    BRICKYARD_BRIDGE_URL: options.bridgeUrl,
    BRICKYARD_BRIDGE_TOKEN: options.bridgeToken,
    BRICKYARD_WORKSPACE_ID: String(options.workspaceId),
    BRICKYARD_RUN_ID: options.runId,
    BRICKYARD_TASK_RUN_ID: options.taskRunId,
  });
  if (options.sparkRemote) result.SPARK_REMOTE = options.sparkRemote;
  if (options.sparkRemote && options.computeCaller) result[COMPUTE_CALLER_VARIABLE] = options.computeCaller;
  const jvmLibraries = env[JVM_LIBRARIES_VARIABLE];
  if (jvmLibraries) result[JVM_LIBRARIES_VARIABLE] = jvmLibraries;
  return result;
}
