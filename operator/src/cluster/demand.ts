import { clusterDemandKey, clusterSparkDemandKey } from '@brickyard/common/vocabulary';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** What the scheduler wants of a cluster right now (the Redis hash clusterDemandKey). */
export interface Demand {
  /** Tasks waiting for the cluster. */
  queued: number;
  /** Tasks executing on it. */
  running: number;
  /** When the scheduler last changed the hash (epoch ms); undefined when there is no hash. */
  updatedAtMs?: number;
  /** What the cluster's Spark driver reports; undefined without a fresh report. */
  spark?: SparkDemand;
}

/** Spark's demand on the driver (clusterSparkDemandKey). */
export interface SparkDemand {
  /** Spark tasks pending or running. */
  tasks: number;
  coresPerWorker: number;
  /** Executor hosts (worker pod IPs) running tasks now. */
  busyHosts: string[];
}

/** A report older than this is from a driver that is gone or stuck: it says nothing. */
const SPARK_DEMAND_STALE_MS = 30_000;

const count = (text: string | undefined): number => {
  const value = Number(text ?? '0');
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
};

/** The demand a hash holds; a missing hash (no fields) is no demand. */
export function parseDemand(hash: Record<string, string>): Demand {
  const updatedAt = Number(hash.updated_at);
  return {
    queued: count(hash.queued),
    running: count(hash.running),
    ...(hash.updated_at !== undefined && Number.isFinite(updatedAt) && updatedAt > 0
      ? { updatedAtMs: updatedAt }
      : {}),
  };
}

/** The Spark driver's report, if it is fresh. */
export function parseSparkDemand(hash: Record<string, string>, now: number): SparkDemand | undefined {
  const updatedAt = Number(hash.updated_at);
  if (!Number.isFinite(updatedAt) || now - updatedAt > SPARK_DEMAND_STALE_MS) return undefined;
  let hosts: unknown;
  try {
    hosts = JSON.parse(hash.busy_hosts ?? '[]');
  } catch {
    hosts = [];
  }
  return {
    tasks: count(hash.tasks),
    coresPerWorker: Math.max(1, count(hash.cores_per_worker)),
    busyHosts: Array.isArray(hosts) ? hosts.filter((host): host is string => typeof host === 'string') : [],
  };
}

/** Work waiting or running: job tasks queued or executing, and Spark tasks on the driver. */
export function outstandingTasks(demand: Demand): number {
  return demand.queued + demand.running + (demand.spark?.tasks ?? 0);
}

/** Reads a cluster's demand; undefined when it cannot be known (Redis unreachable). */
export interface DemandReader {
  read(clusterId: string): Promise<Demand | undefined>;
  close(): Promise<void>;
}

/** A read slower than this counts as unknown demand: the next poll asks again. */
const READ_TIMEOUT_MS = 2_000;
/** Repeated read failures are logged at most this often. */
const WARN_EVERY_MS = 30_000;

/**
 * Demand from Redis, failing fast: no offline queue and one try per command, so that while
 * Redis is away a reconcile learns "unknown" at once (and neither scales nor auto-terminates)
 * instead of waiting for it.
 */
export class RedisDemandReader implements DemandReader {
  private readonly redis: Redis;
  private lastWarnMs = 0;

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    this.redis = new Redis(url, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: READ_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.redis.on('error', (error: unknown) => this.warn(error));
  }

  async read(clusterId: string): Promise<Demand | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), READ_TIMEOUT_MS);
    });
    try {
      const hashes = await Promise.race([
        Promise.all([
          this.redis.hgetall(clusterDemandKey(clusterId)),
          this.redis.hgetall(clusterSparkDemandKey(clusterId)),
        ]),
        timeout,
      ]);
      if (hashes === undefined) return undefined;
      const spark = parseSparkDemand(hashes[1], Date.now());
      return { ...parseDemand(hashes[0]), ...(spark ? { spark } : {}) };
    } catch (error) {
      this.warn(error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarnMs < WARN_EVERY_MS) return;
    this.lastWarnMs = now;
    this.log.warn({ err: error }, 'Failed to read cluster demand from Redis');
  }
}
