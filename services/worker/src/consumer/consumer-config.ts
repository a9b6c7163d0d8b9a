import { integerEnv, type PlatformEnv, portEnv, readS3Env, requireEnv } from '@brickyard/common/platform-env';

/**
 * The settings of the runtime process in a cluster pod, from the environment the cluster
 * controller gives it: which cluster and workspace it serves, its role, Redis and S3.
 */
export interface ConsumerConfig {
  clusterId: string;
  workspaceId: number;
  role: 'driver' | 'worker';
  redisUrl: string;
  s3: PlatformEnv['s3'];
  /** Task attempts run at once by this process. */
  concurrency: number;
  /** BullMQ lock: an attempt whose process died is handed to another after about this long. */
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** How many times an attempt may be handed over after its process died before it fails. */
  maxStalledCount: number;
  /** /healthz, /readyz and /metrics, when set. */
  healthPort: number | undefined;
  healthHost: string;
  logLevel: string;
  /** How long shutdown may take before in-flight attempts are left to be handed over. */
  shutdownGraceMs: number;
  /** The cluster's Spark Connect URL ($SPARK_REMOTE), given to every task; absent without Spark. */
  sparkRemote?: string;
}

/** Who sets the runtime's variables, for the error when one is missing. */
const SET_BY = 'the cluster controller sets them (the pod env and the brickyard-runtime Secret)';

export function readConsumerConfig(env: NodeJS.ProcessEnv = process.env): ConsumerConfig {
  const required = requireEnv(env, ['BRICKYARD_CLUSTER_ID', 'BRICKYARD_WORKSPACE_ID', 'REDIS_URL'], SET_BY);
  return {
    clusterId: required.BRICKYARD_CLUSTER_ID,
    workspaceId: integerEnv(env, 'BRICKYARD_WORKSPACE_ID', 0),
    role: env.BRICKYARD_ROLE === 'worker' ? 'worker' : 'driver',
    redisUrl: required.REDIS_URL,
    s3: readS3Env(env, SET_BY),
    concurrency: integerEnv(env, 'BRICKYARD_WORKER_CONCURRENCY', 4),
    lockDurationMs: integerEnv(env, 'BRICKYARD_WORKER_LOCK_MS', 10_000),
    stalledIntervalMs: integerEnv(env, 'BRICKYARD_WORKER_STALLED_INTERVAL_MS', 10_000),
    maxStalledCount: integerEnv(env, 'BRICKYARD_WORKER_MAX_STALLED', 2),
    healthPort: env.BRICKYARD_WORKER_PORT ? portEnv(env, 'BRICKYARD_WORKER_PORT', 0) : undefined,
    healthHost: env.BRICKYARD_POD_IP || '127.0.0.1',
    logLevel: env.LOG_LEVEL || 'info',
    shutdownGraceMs: integerEnv(env, 'BRICKYARD_WORKER_SHUTDOWN_GRACE_MS', 4_000),
    ...(env.SPARK_REMOTE ? { sparkRemote: env.SPARK_REMOTE } : {}),
  };
}
