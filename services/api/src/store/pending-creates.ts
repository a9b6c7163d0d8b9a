import { backoffDelay, objectKey } from '@brickyard/common/kube';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { temporarilyUnavailable } from '../errors/databricks-error.js';

/** What storing an accepted object in the apiserver came to. */
export type StoreOutcome<R> =
  | { stored: R }
  /** The apiserver refused it for good (a bad request, a namespace gone): it is dropped. */
  | { refused: string };

export interface PendingCreatesOptions<R> {
  redis: Redis;
  /** The Redis hash of this kind's accepted creates: `namespace/name` -> the object as JSON. */
  hashKey: string;
  /** Creates the object in the apiserver; throws when asking again may succeed. */
  store: (object: R) => Promise<StoreOutcome<R>>;
  log: Logger;
  /**
   * Creates sent to the apiserver at once (default 2): a burst queues here, and the API's CPU goes
   * to answering it rather than to storing it.
   */
  concurrency?: number;
  /** How long a Redis write may take before the create is answered 503. */
  redisTimeoutMs?: number;
}

/**
 * Creates the API has accepted but the apiserver has not stored yet. A create is durable once it
 * is in Redis (as runs are), so the client is answered then, and this process stores it in the
 * apiserver shortly after, retrying while the apiserver is busy; a restarted API stores what an
 * earlier one accepted. Until stored, reads of this process see the object from here. The
 * apiserver's admission (the CRD's rules) cannot refuse what the API accepted: both check the same
 * rules from @brickyard/common/cluster-spec. What it refuses anyway (the namespace gone with its
 * workspace) is logged and dropped.
 */
export class PendingCreates<R extends KubernetesObject> {
  private readonly objects = new Map<string, R>();
  private readonly storing = new Map<string, Promise<void>>();
  private readonly waiting: (() => void)[] = [];
  private active = 0;
  private stopped = false;

  constructor(private readonly options: PendingCreatesOptions<R>) {}

  /** Takes up what earlier processes accepted and did not store, and stores it. */
  async start(): Promise<void> {
    const accepted = await this.options.redis.hgetall(this.options.hashKey);
    for (const [key, json] of Object.entries(accepted)) {
      this.objects.set(key, JSON.parse(json) as R);
      this.storeSoon(key);
    }
  }

  /** Records the create in Redis (answered 503 when Redis does not answer) and stores it soon. */
  async accept(object: R): Promise<void> {
    const key = objectKey(object);
    const { redis, hashKey, redisTimeoutMs = 2_000 } = this.options;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(temporarilyUnavailable('The API cannot record the create now (Redis is not answering)')),
        redisTimeoutMs,
      );
    });
    try {
      await Promise.race([redis.hset(hashKey, key, JSON.stringify(object)), timeout]);
    } finally {
      clearTimeout(timer);
    }
    this.objects.set(key, object);
    this.storeSoon(key);
  }

  get(key: string): R | undefined {
    return this.objects.get(key);
  }

  list(): R[] {
    return [...this.objects.values()];
  }

  /** Resolves once the object under `key` is stored or dropped (at once if none is pending). */
  async settled(key: string): Promise<void> {
    await this.storing.get(key);
  }

  /** Stops storing; what is left stays in Redis for the next process. */
  stop(): void {
    this.stopped = true;
    for (const wake of this.waiting.splice(0)) wake();
  }

  private storeSoon(key: string): void {
    if (this.storing.has(key)) return;
    const done = this.storeUntilSettled(key).finally(() => this.storing.delete(key));
    this.storing.set(key, done);
  }

  private async storeUntilSettled(key: string): Promise<void> {
    for (let failures = 0; !this.stopped; failures++) {
      const object = this.objects.get(key);
      if (!object) return;
      try {
        const outcome = await this.withSlot(() => this.options.store(object));
        if ('refused' in outcome)
          this.options.log.error(
            { key, reason: outcome.refused },
            'Dropped an accepted create the apiserver refused',
          );
        await this.options.redis.hdel(this.options.hashKey, key);
        this.objects.delete(key);
        return;
      } catch (error) {
        const delay = backoffDelay(failures + 1, 200, 10_000);
        this.options.log.warn(
          { key, err: error, retryInMs: delay },
          'Storing an accepted create failed; retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** Runs `work` once fewer than `concurrency` stores are in flight. */
  private async withSlot<T>(work: () => Promise<T>): Promise<T> {
    while (this.active >= (this.options.concurrency ?? 2)) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      if (this.stopped) throw new Error('stopped');
    }
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
