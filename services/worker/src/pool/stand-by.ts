import type { Server } from 'node:http';
import { POOL_POD_UID_VARIABLE, type PoolAssignment } from '@brickyard/common/pool-assignment';
import type { Logger } from 'pino';
import { readConsumerConfig } from '../consumer/consumer-config.js';
import { type LibraryDirs, preparePodLibraries } from '../libraries/start-libraries.js';
import type { RuntimeHealth } from '../runtime-health.js';
import { readSparkEngineConfig } from '../spark/spark-engine-config.js';
import { awaitAssignment } from './await-assignment.js';
import { startWarmDriver, type WarmDriver } from './warm-driver.js';

/** What a pool pod brings to the cluster that adopted it. */
export interface Adopted {
  assignment: PoolAssignment;
  /** Its warm Spark driver, if the pool preloads a Spark version. */
  warm: WarmDriver | undefined;
  /** The libraries directories its warm driver's JVM and Python already name. */
  libraries: LibraryDirs | undefined;
  server: Server | undefined;
}

/** A stop in standby: the warm driver's JVMs get this long. */
const STANDBY_STOP_MS = 5_000;

/** The pod's uid when it is a pool pod (the operator sets it on those only). */
export function poolPodUid(env: NodeJS.ProcessEnv): string | undefined {
  return env[POOL_POD_UID_VARIABLE] || undefined;
}

/**
 * A pool pod's runtime before a cluster adopts it: serves /startedz (passing once warm) and a
 * /readyz that fails, starts the warm driver when the pool preloads Spark, waits for its
 * assignment, then puts the assignment's variables in `env` for the runtime to start as the
 * cluster's pod. A stop in standby ends the process here.
 */
export async function standBy(options: {
  env: NodeJS.ProcessEnv;
  podUid: string;
  health: RuntimeHealth;
  log: Logger;
}): Promise<Adopted> {
  const { env, podUid, health, log } = options;
  const port = env.BRICKYARD_WORKER_PORT;
  const server = port ? await health.serve(env.BRICKYARD_POD_IP || '127.0.0.1', Number(port)) : undefined;
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  const podName = env.BRICKYARD_POD_NAME || env.HOSTNAME || podUid;
  // A warm driver is a single-node cluster's of the pool's node type: what most clusters on a pool run.
  const standbyEnv = {
    ...env,
    BRICKYARD_CLUSTER_ID: podName,
    BRICKYARD_ROLE: 'driver',
    BRICKYARD_SINGLE_NODE: 'true',
    BRICKYARD_SPARK_CONF: '{}',
  };
  const standbyConfig = readConsumerConfig(standbyEnv);
  const sparkConfig = readSparkEngineConfig(standbyEnv, standbyConfig);
  const libraries = sparkConfig ? await preparePodLibraries('driver', env) : undefined;
  const warm = sparkConfig ? await startWarmDriver(sparkConfig, log) : undefined;
  let adopted = false;
  void warm?.daemons.failed.then(({ name, ...exit }) => {
    if (adopted) return;
    log.error({ daemon: name, ...exit }, 'A warm Spark daemon exited; stopping so that the pod restarts');
    process.exit(1);
  });
  health.setReadiness(() => ({ ready: false, detail: { standby: true, ...warm?.daemons.detail } }));
  if (warm) void warm.daemons.firstReady.then(() => health.markStarted());
  else health.markStarted();
  log.info({ warmSpark: warm !== undefined }, 'Waiting in the instance pool for a cluster');

  const assignment = await awaitAssignment({
    redisUrl: standbyConfig.redisUrl,
    podUid,
    stopping: () => stopping,
    log,
  });
  if (!assignment) {
    await warm?.daemons.stop(STANDBY_STOP_MS);
    server?.close();
    log.info('Stopped in standby');
    process.exit(0);
  }
  adopted = true;
  process.off('SIGTERM', stop);
  process.off('SIGINT', stop);
  Object.assign(env, assignment.env);
  log.info({ clusterId: env.BRICKYARD_CLUSTER_ID, role: env.BRICKYARD_ROLE }, 'Adopted by a cluster');
  return { assignment, warm, libraries, server };
}
