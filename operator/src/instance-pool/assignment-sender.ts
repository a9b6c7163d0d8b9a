import {
  POOL_ASSIGNMENT_TTL_SECONDS,
  type PoolAssignment,
  poolAssignmentKey,
} from '@brickyard/common/pool-assignment';
import { Redis } from 'ioredis';

/** A send fails rather than wait for a Redis that is away: the reconcile is retried with backoff. */
const SEND_TIMEOUT_MS = 2_000;

/** Where adopted pool pods learn their cluster (pool-assignment.ts): one Redis key per pod. */
export interface AssignmentSender {
  send(podUid: string, assignment: PoolAssignment): Promise<void>;
}

export class RedisAssignmentSender implements AssignmentSender {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis(url, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: SEND_TIMEOUT_MS,
      commandTimeout: SEND_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    // Failures surface on send; the connection retries by itself.
    this.redis.on('error', () => undefined);
  }

  async send(podUid: string, assignment: PoolAssignment): Promise<void> {
    await this.redis.set(
      poolAssignmentKey(podUid),
      JSON.stringify(assignment),
      'EX',
      POOL_ASSIGNMENT_TTL_SECONDS,
    );
  }

  close(): void {
    this.redis.disconnect();
  }
}
