import { clusterDemandKey } from '@brickyard/common/vocabulary';
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
}

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

export function outstandingTasks(demand: Demand): number {
  return demand.queued + demand.running;
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
      const hash = await Promise.race([this.redis.hgetall(clusterDemandKey(clusterId)), timeout]);
      return hash === undefined ? undefined : parseDemand(hash);
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
