import type { PlatformEnv } from '@brickyard/common/platform-env';

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
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`missing environment variable ${name} (the cluster controller sets it)`);
  return value;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, got '${raw}'`);
  return value;
}

export function readConsumerConfig(env: NodeJS.ProcessEnv = process.env): ConsumerConfig {
  const clusterId = required(env, 'BRICKYARD_CLUSTER_ID');
  const workspaceId = Number(required(env, 'BRICKYARD_WORKSPACE_ID'));
  if (!Number.isSafeInteger(workspaceId) || workspaceId <= 0) {
    throw new Error(`BRICKYARD_WORKSPACE_ID must be a workspace id, got '${env.BRICKYARD_WORKSPACE_ID}'`);
  }
  const role = env.BRICKYARD_ROLE === 'worker' ? 'worker' : 'driver';
  const healthPort = env.BRICKYARD_WORKER_PORT ? positiveInteger(env, 'BRICKYARD_WORKER_PORT', 0) : undefined;
  return {
    clusterId,
    workspaceId,
    role,
    redisUrl: required(env, 'REDIS_URL'),
    s3: {
      endpoint: required(env, 'AWS_ENDPOINT_URL_S3'),
      accessKeyId: required(env, 'AWS_ACCESS_KEY_ID'),
      secretAccessKey: required(env, 'AWS_SECRET_ACCESS_KEY'),
      region: env.AWS_REGION || 'us-east-1',
      bucket: required(env, 'BRICKYARD_BUCKET'),
    },
    concurrency: positiveInteger(env, 'BRICKYARD_WORKER_CONCURRENCY', 4),
    lockDurationMs: positiveInteger(env, 'BRICKYARD_WORKER_LOCK_MS', 10_000),
    stalledIntervalMs: positiveInteger(env, 'BRICKYARD_WORKER_STALLED_INTERVAL_MS', 10_000),
    maxStalledCount: positiveInteger(env, 'BRICKYARD_WORKER_MAX_STALLED', 2),
    healthPort,
    healthHost: env.BRICKYARD_POD_IP || '127.0.0.1',
    logLevel: env.LOG_LEVEL || 'info',
    shutdownGraceMs: positiveInteger(env, 'BRICKYARD_WORKER_SHUTDOWN_GRACE_MS', 4_000),
  };
}
