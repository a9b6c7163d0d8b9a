import {
  type PoolAssignment,
  parsePoolAssignment,
  poolAssignmentKey,
} from '@brickyard/common/pool-assignment';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import type { Logger } from 'pino';

/** How often a pool pod looks for its assignment: a cluster's start waits on it. */
const POLL_MS = 100;

/**
 * Waits until a cluster adopts this pool pod (the operator writes its assignment to Redis,
 * pool-assignment.ts) and returns the assignment; undefined if `stopping` says to give up first.
 * The key stays: a runtime that restarts in the adopted pod finds it again.
 */
export async function awaitAssignment(options: {
  redisUrl: string;
  podUid: string;
  stopping: () => boolean;
  log: Logger;
}): Promise<PoolAssignment | undefined> {
  const redis = createRedisConnection(options.redisUrl);
  redis.on('error', (error: unknown) => options.log.debug({ err: error }, 'Redis connection failed'));
  const key = poolAssignmentKey(options.podUid);
  let reported = false;
  try {
    while (!options.stopping()) {
      const text = await redis.get(key).catch(() => null);
      const assignment = text === null ? undefined : parsePoolAssignment(text);
      if (assignment) return assignment;
      if (text !== null && !reported) {
        options.log.error({ key }, 'The pool assignment is not one; waiting for another');
        reported = true;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return undefined;
  } finally {
    redis.disconnect();
  }
}
