import type { TaskResult } from '@brickyard/common/tasks';
import type { Logger } from 'pino';
import type { LibraryInstaller } from './libraries/library-installer.js';
import type { RuntimeStorage } from './storage/runtime-storage.js';

export interface TaskOutcome {
  result: TaskResult;
  /** dbutils.notebook.exit(value): str(value). */
  exitValue?: string;
  /** The tail of stdout and stderr interleaved, at most 64 KB. */
  logs: string;
  /** One line: the exception line ('ValueError: boom'), the SQL error, or why the run stopped. */
  error?: string;
  /** The traceback or the failing statement. */
  errorTrace?: string;
  /** Values set with dbutils.jobs.taskValues.set, when any were. */
  taskValues?: Record<string, unknown>;
  /** Where the full logs were uploaded ('<prefix>/stdout' and '<prefix>/stderr'), when they were. */
  logKeyPrefix?: string;
  durationMs: number;
}

export interface TaskContext {
  /** The numeric workspace id (a string of digits is accepted). */
  workspaceId: number | string;
  runId: string | number;
  taskRunId: string | number;
  storage: RuntimeStorage;
  /** Job and run parameters, merged: they override notebook base_parameters and sql_task parameters. */
  parameters?: Readonly<Record<string, string>>;
  /** Local directory for the full stdout/stderr files (default: inside the task's temp dir). */
  logDir?: string;
  /** Key prefix for the uploaded logs (default workspaces/<id>/cluster-logs/<runId>/<taskRunId>). */
  logKeyPrefix?: string;
  /** Aborting it (cancel, timeout) stops the task: CANCELED. */
  signal?: AbortSignal;
  logger?: Logger;
  /**
   * The cluster's Spark Connect server (sc://host:port) when the runtime runs Spark: Python gets a
   * `spark` session on it, and SQL runs on Spark SQL instead of DuckDB.
   */
  sparkRemote?: string;
  /** How spark_submit_task and spark_jar_task start an application, when the runtime runs Spark. */
  sparkSubmit?: SparkSubmitCommand;
  /**
   * The Python interpreter (default: with Spark, $BRICKYARD_SPARK_RUNTIME/venv/bin/python3;
   * otherwise $BRICKYARD_PYTHON or python3).
   */
  pythonExecutable?: string;
  /** Extra environment for the Python process (a cluster's spark_env_vars). */
  environment?: Readonly<Record<string, string>>;
  /** Values set by upstream tasks, for dbutils.jobs.taskValues.get: {taskKey: {key: value}}. */
  upstreamTaskValues?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Installs the task's `libraries` (PyPI, wheels, requirements) into the pod's libraries. */
  libraries?: LibraryInstaller;
  /**
   * The credential the task's work acts with (common compute-callers): its Spark session and its
   * dbutils.secrets calls carry its run-as user's grants. Without one they act as the cluster's creator.
   */
  computeCaller?: string;
  /** Where the task's temp dir is made (default os.tmpdir()). */
  tempRoot?: string;
}

/** What an executor decides; executeTask adds the logs and the duration. */
export interface ExecutionResult {
  result: TaskResult;
  exitValue?: string;
  error?: string;
  errorTrace?: string;
  taskValues?: Record<string, unknown>;
}

/**
 * spark-submit on the driver pod with the cluster's settings (its master, S3A, dbfs:, Delta),
 * for applications that tasks submit: they run beside the cluster's Spark Connect application.
 */
export interface SparkSubmitCommand {
  program: string;
  /** What comes before the task's own arguments (the properties file). */
  args: string[];
  env: Record<string, string>;
}
