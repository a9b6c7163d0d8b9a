import { integerEnv, portEnv, requireEnv } from '@brickyard/common/platform-env';

/** The scheduler's settings, from the environment (see deploy/local/components/scheduler.sh). */
export interface SchedulerConfig {
  host: string;
  port: number;
  redisUrl: string;
  kubeconfig: string | undefined;
  /** Where clients reach the API: the host of run_page_url in runs the scheduler creates. */
  apiUrl: string;
  logLevel: string;
  /** Schedulers of one shard elect one leader among themselves (default: one for everything). */
  shard: string;
  /** Only these workspaces' runs and schedules (default: every workspace). */
  workspaces: ReadonlySet<number> | undefined;
  /** Runs reconciled at once. */
  reconcileWorkers: number;
  /** How often queued and active runs are listed, besides the wake-ups on the channel and events. */
  pollIntervalMs: number;
  /** How often every active run is looked at again, whatever happened. */
  resyncIntervalMs: number;
  /** The leader lease's time to live; a crashed leader is replaced after at most this long. */
  leaseTtlMs: number;
  clusterStartTimeoutMs: number;
  stopGraceMs: number;
  timeoutGraceMs: number;
  cleanupGraceMs: number;
  /** How long finished queue jobs (and their results) are kept. */
  finishedJobRetentionSeconds: number;
}

export function readSchedulerConfig(env: NodeJS.ProcessEnv = process.env): SchedulerConfig {
  const shard = env.BRICKYARD_SCHEDULER_SHARD || 'default';
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(shard)) {
    throw new Error(`BRICKYARD_SCHEDULER_SHARD must be lowercase letters, digits and '-', got '${shard}'`);
  }
  const workspaces = env.BRICKYARD_SCHEDULER_WORKSPACES?.trim();
  if (workspaces && !/^\d+(,\d+)*$/.test(workspaces)) {
    throw new Error(
      `BRICKYARD_SCHEDULER_WORKSPACES must be workspace ids separated by commas, got '${workspaces}'`,
    );
  }
  return {
    host: env.BRICKYARD_SCHEDULER_HOST || '127.0.0.1',
    port: portEnv(env, 'BRICKYARD_SCHEDULER_PORT', 18083),
    redisUrl: requireEnv(env, ['REDIS_URL']).REDIS_URL,
    kubeconfig: env.KUBECONFIG || undefined,
    apiUrl: (env.BRICKYARD_API_URL || env.DATABRICKS_HOST || 'http://127.0.0.1:18080').replace(/\/+$/, ''),
    logLevel: env.LOG_LEVEL || 'info',
    shard,
    workspaces: workspaces ? new Set(workspaces.split(',').map(Number)) : undefined,
    reconcileWorkers: integerEnv(env, 'BRICKYARD_SCHEDULER_WORKERS', 16),
    pollIntervalMs: integerEnv(env, 'BRICKYARD_SCHEDULER_POLL_MS', 1_000),
    resyncIntervalMs: integerEnv(env, 'BRICKYARD_SCHEDULER_RESYNC_MS', 10_000),
    leaseTtlMs: integerEnv(env, 'BRICKYARD_SCHEDULER_LEASE_MS', 10_000),
    clusterStartTimeoutMs: integerEnv(env, 'BRICKYARD_SCHEDULER_CLUSTER_START_TIMEOUT_MS', 20 * 60_000),
    stopGraceMs: integerEnv(env, 'BRICKYARD_SCHEDULER_STOP_GRACE_MS', 60_000),
    timeoutGraceMs: integerEnv(env, 'BRICKYARD_SCHEDULER_TIMEOUT_GRACE_MS', 30_000),
    cleanupGraceMs: integerEnv(env, 'BRICKYARD_SCHEDULER_CLEANUP_GRACE_MS', 60_000),
    finishedJobRetentionSeconds: integerEnv(env, 'BRICKYARD_SCHEDULER_JOB_RETENTION_SECONDS', 24 * 3600),
  };
}
