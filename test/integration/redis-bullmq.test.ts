import { randomUUID } from 'node:crypto';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { type Job, Queue, QueueEvents, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';

const env = readPlatformEnv();
const queueName = `it-roundtrip-${randomUUID().slice(0, 8)}`;
const connection = createRedisConnection(env.redisUrl);

describe('Redis for BullMQ', () => {
  afterAll(async () => {
    await new Queue(queueName, { connection }).obliterate({ force: true });
    connection.disconnect();
  });

  it('keeps an append-only file and refuses to evict keys', async () => {
    expect(await connection.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await connection.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
  });

  it('carries a job from a queue to a worker and its result back', async () => {
    const queue = new Queue(queueName, { connection });
    const events = new QueueEvents(queueName, { connection: createRedisConnection(env.redisUrl) });
    const worker = new Worker(
      queueName,
      async (job: Job<{ a: number; b: number }>) => ({
        sum: job.data.a + job.data.b,
        attempt: job.attemptsMade,
      }),
      { connection: createRedisConnection(env.redisUrl) },
    );
    try {
      await events.waitUntilReady();
      const job = await queue.add('add', { a: 2, b: 40 }, { jobId: 'deterministic-id' });
      expect(job.id).toBe('deterministic-id');
      const result = await job.waitUntilFinished(events, 10_000);
      expect(result).toEqual({ sum: 42, attempt: 0 });
      expect(await queue.getJobState('deterministic-id')).toBe('completed');
    } finally {
      await worker.close();
      await events.close();
      await queue.close();
    }
  });
});
