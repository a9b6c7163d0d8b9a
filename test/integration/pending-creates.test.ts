import { randomUUID } from 'node:crypto';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import type { KubernetesObject } from '@kubernetes/client-node';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { PendingCreates, type StoreOutcome } from '../../services/api/src/store/pending-creates.js';
import { eventually } from './support/api-client.js';
import { freePort } from './support/free-port.js';

/**
 * The API's accepted creates on the platform's real Redis. `store` plays the apiserver's create
 * (the real one is exercised through clusters/create in api-clusters.test.ts), so that its
 * answers (busy, refused) can be chosen.
 */
const redis = createRedisConnection(readPlatformEnv().redisUrl);
const log = pino({ level: 'silent' });
const hashKey = `brickyard:it:accepted-creates:${randomUUID()}`;

const object = (name: string): KubernetesObject => ({
  apiVersion: 'brickyard.dev/v1alpha1',
  kind: 'Cluster',
  metadata: { name, namespace: 'it-accepted' },
});

function pending(store: (object: KubernetesObject) => Promise<StoreOutcome<KubernetesObject>>) {
  return new PendingCreates<KubernetesObject>({ redis, hashKey, store, log });
}

afterAll(async () => {
  await redis.del(hashKey);
  redis.disconnect();
});

describe('accepted creates', () => {
  it('are readable at once, then stored, and leave nothing in Redis', async () => {
    const stored: string[] = [];
    const creates = pending(async (created) => {
      stored.push(created.metadata?.name ?? '');
      return { stored: created };
    });
    await creates.accept(object('a'));
    expect(creates.get('it-accepted/a')?.metadata?.name).toBe('a');
    await creates.settled('it-accepted/a');
    expect(stored).toEqual(['a']);
    expect(creates.get('it-accepted/a')).toBeUndefined();
    expect(await redis.hexists(hashKey, 'it-accepted/a')).toBe(0);
  });

  it('are retried while the apiserver is busy', async () => {
    let calls = 0;
    const creates = pending(async (created) => {
      calls++;
      if (calls < 3) throw new Error('apiserver answered 429');
      return { stored: created };
    });
    await creates.accept(object('busy'));
    await creates.settled('it-accepted/busy');
    expect(calls).toBe(3);
    expect(await redis.hexists(hashKey, 'it-accepted/busy')).toBe(0);
  });

  it('are dropped when the apiserver refuses them for good', async () => {
    const creates = pending(async () => ({ refused: 'namespaces "it-accepted" not found' }));
    await creates.accept(object('refused'));
    await creates.settled('it-accepted/refused');
    expect(creates.list()).toEqual([]);
    expect(await redis.hexists(hashKey, 'it-accepted/refused')).toBe(0);
  });

  it('survive the process that accepted them: the next one stores them', async () => {
    const first = pending(async () => {
      throw new Error('apiserver unreachable');
    });
    await first.accept(object('kept'));
    first.stop();
    expect(await redis.hexists(hashKey, 'it-accepted/kept')).toBe(1);

    const stored: string[] = [];
    const next = pending(async (created) => {
      stored.push(created.metadata?.name ?? '');
      return { stored: created };
    });
    await next.start();
    expect(next.get('it-accepted/kept')?.metadata?.name ?? stored[0]).toBe('kept');
    await eventually(async () =>
      (await redis.hexists(hashKey, 'it-accepted/kept')) === 0 ? true : undefined,
    );
    expect(stored).toEqual(['kept']);
  });

  it('are refused with 503 TEMPORARILY_UNAVAILABLE and Retry-After when Redis does not answer', async () => {
    const silent = new Redis({ port: await freePort(), lazyConnect: true, maxRetriesPerRequest: null });
    silent.on('error', () => {});
    const creates = new PendingCreates<KubernetesObject>({
      redis: silent,
      hashKey,
      store: async (created) => ({ stored: created }),
      log,
      redisTimeoutMs: 200,
    });
    await expect(creates.accept(object('lost'))).rejects.toMatchObject({
      statusCode: 503,
      errorCode: 'TEMPORARILY_UNAVAILABLE',
      retryAfterSeconds: 1,
    });
    expect(creates.get('it-accepted/lost')).toBeUndefined();
    silent.disconnect();
  });
});
