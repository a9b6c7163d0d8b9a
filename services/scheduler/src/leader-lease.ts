import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * One scheduler per shard does the work: the holder of a Redis lease (SET NX PX, renewed by its
 * holder only, released on shutdown). A holder that cannot renew (Redis down) keeps acting until
 * its lease would have run out, then stops; a crashed holder is replaced once its lease expires.
 */

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) and 1 or 0
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Commands wait through a Redis outage (maxRetriesPerRequest: null); the lease must not. */
async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface LeaderLeaseOptions {
  redis: Redis;
  key: string;
  identity: string;
  ttlMs: number;
  log: Logger;
  onStartedLeading: () => void;
  onStoppedLeading: () => void;
}

export class LeaderLease {
  private timer: NodeJS.Timeout | undefined;
  private validUntil = 0;
  private leading = false;
  private stopped = true;

  constructor(private readonly options: LeaderLeaseOptions) {}

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.stopped = false;
    void this.tick();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    const { redis, key, identity, ttlMs, log } = this.options;
    const startedAt = Date.now();
    try {
      const held =
        Number(await withTimeout(redis.eval(RENEW, 1, key, identity, String(ttlMs)), ttlMs / 3)) === 1;
      if (held) {
        this.validUntil = startedAt + ttlMs;
        if (!this.leading && !this.stopped) {
          this.leading = true;
          log.info({ key, identity }, 'Became leader');
          this.options.onStartedLeading();
        }
      } else if (this.leading) {
        this.loseLead('lease held by another scheduler');
      }
    } catch (error) {
      log.warn({ err: error, key }, 'Failed to renew the leader lease');
      if (this.leading && Date.now() >= this.validUntil - ttlMs / 5)
        this.loseLead('lease could not be renewed');
    }
    this.schedule(this.leading ? ttlMs / 3 : ttlMs / 4);
  }

  private loseLead(reason: string): void {
    this.leading = false;
    this.options.log.warn({ key: this.options.key, reason }, 'Lost the lead');
    this.options.onStoppedLeading();
  }

  /** Stops renewing and gives the lease up, so a successor need not wait for it to expire. */
  async stopAndRelease(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const wasLeading = this.leading;
    this.leading = false;
    if (wasLeading) this.options.onStoppedLeading();
    try {
      await withTimeout(this.options.redis.eval(RELEASE, 1, this.options.key, this.options.identity), 2_000);
    } catch (error) {
      this.options.log.warn({ err: error }, 'Failed to release the leader lease');
    }
  }
}
