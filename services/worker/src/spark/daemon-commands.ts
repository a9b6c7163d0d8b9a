import { join } from 'node:path';
import { DriverPorts } from '@brickyard/common/driver-ports';
import { LIBRARIES_DIR_VARIABLE } from '../python/python-environment.js';
import type { SparkSubmitCommand } from '../task-types.js';
import { DAEMON_HEAP_MB } from './memory-plan.js';
import { jvmOptions } from './spark-conf.js';
import type { PodScratch, SparkLayout } from './spark-layout.js';

/** The JVMs a cluster pod runs, by the prefix of their lines in the pod's log. */
export type DaemonName = 'spark-master' | 'spark-worker' | 'spark-connect';

export interface DaemonCommand {
  name: DaemonName;
  program: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** Files that get the daemon's output as well as the pod's log (for cluster log delivery). */
  outputFiles?: { stdout: string; stderr: string };
}

export interface CommandContext {
  layout: SparkLayout;
  scratch: PodScratch;
  podIp: string;
  /** The runtime's environment: the pod's, with the cluster's spark_env_vars and HOSTNAME. */
  baseEnv: NodeJS.ProcessEnv;
}

export const WORKER_WEB_UI_PORT = 8081;

/**
 * Variables of the runtime that its JVMs do not get: spark-class and spark-submit give
 * SPARK_DAEMON_MEMORY and SPARK_DAEMON_JAVA_OPTS to the Spark Connect server too, over its
 * --driver-memory (they are set for the master and Worker only); and user code runs in these JVMs
 * and their Python workers, which have no business with the control plane's Redis (S3A has the
 * keys in its settings).
 */
const WITHHELD = [
  'SPARK_DAEMON_MEMORY',
  'SPARK_DAEMON_JAVA_OPTS',
  'REDIS_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'KUBECONFIG',
];

/**
 * The pod's environment (executors inherit the Worker's, so they get the pod's HOSTNAME and the
 * cluster's spark_env_vars) with what every Spark JVM of the pod needs. SPARK_LOCAL_IP binds the
 * web UIs and block managers to the pod's address: pods share the host's network here.
 */
function sparkEnv(context: CommandContext): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(context.baseEnv)) {
    if (value !== undefined && !WITHHELD.includes(name)) env[name] = value;
  }
  // Executors' Python workers add PYTHONPATH to pyspark's own: they see the pod's libraries.
  const libraries = context.baseEnv[LIBRARIES_DIR_VARIABLE];
  return {
    ...env,
    ...(libraries ? { PYTHONPATH: [libraries, env.PYTHONPATH].filter(Boolean).join(':') } : {}),
    SPARK_HOME: context.layout.sparkHome,
    SPARK_LOCAL_IP: context.podIp,
    SPARK_LOCAL_DIRS: context.scratch.localDir,
    PYSPARK_PYTHON: context.layout.python,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

function daemonEnv(context: CommandContext): Record<string, string> {
  return {
    ...sparkEnv(context),
    SPARK_DAEMON_MEMORY: `${DAEMON_HEAP_MB}m`,
    SPARK_DAEMON_JAVA_OPTS: jvmOptions(context.layout.classArchive),
  };
}

const sparkClass = (context: CommandContext): string => join(context.layout.sparkHome, 'bin', 'spark-class');

export function masterCommand(context: CommandContext): DaemonCommand {
  return {
    name: 'spark-master',
    program: sparkClass(context),
    args: [
      'org.apache.spark.deploy.master.Master',
      ...['--host', context.podIp, '--port', String(DriverPorts.master)],
      ...['--webui-port', String(DriverPorts.masterUi)],
    ],
    env: daemonEnv(context),
    cwd: context.scratch.root,
  };
}

export interface WorkerResources {
  masterUrl: string;
  cores: number;
  memoryMb: number;
}

export function workerCommand(context: CommandContext, resources: WorkerResources): DaemonCommand {
  return {
    name: 'spark-worker',
    program: sparkClass(context),
    args: [
      'org.apache.spark.deploy.worker.Worker',
      ...['--host', context.podIp, '--webui-port', String(WORKER_WEB_UI_PORT)],
      ...['--cores', String(resources.cores), '--memory', `${resources.memoryMb}m`],
      ...['--work-dir', context.scratch.workDir],
      resources.masterUrl,
    ],
    // The Worker decommissions itself on SIGPWR (worker-daemons.ts stops it so).
    env: { ...daemonEnv(context), SPARK_WORKER_OPTS: '-Dspark.decommission.enabled=true' },
    cwd: context.scratch.root,
  };
}

/**
 * The cluster's one Spark driver: the Spark Connect server, with the settings of spark-conf.ts;
 * with a log directory, its output also goes to stdout and stderr there.
 */
export function connectServerCommand(context: CommandContext, logDir?: string): DaemonCommand {
  return {
    ...(logDir ? { outputFiles: { stdout: join(logDir, 'stdout'), stderr: join(logDir, 'stderr') } } : {}),
    name: 'spark-connect',
    program: join(context.layout.sparkHome, 'bin', 'spark-submit'),
    args: [
      ...['--class', 'org.apache.spark.sql.connect.service.SparkConnectServer'],
      ...['--properties-file', context.scratch.propertiesFile],
      'spark-internal',
    ],
    env: sparkEnv(context),
    cwd: context.scratch.root,
  };
}

/** What tasks on the driver connect to (SPARK_REMOTE of their processes). */
export function connectUrlOf(podIp: string): string {
  return `sc://${podIp}:${DriverPorts.sparkConnect}`;
}

/** spark-submit for the applications tasks submit on the driver pod, with `propertiesFile`'s settings. */
export function sparkSubmitCommand(context: CommandContext, propertiesFile: string): SparkSubmitCommand {
  return {
    program: join(context.layout.sparkHome, 'bin', 'spark-submit'),
    args: ['--properties-file', propertiesFile],
    env: sparkEnv(context),
  };
}
