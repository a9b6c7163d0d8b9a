import { describe, expect, it } from 'vitest';
import { type PoolPod, planPool, podsToAdopt } from './pool-plan.js';

const MINUTE = 60_000;
const NOW = 1_000 * MINUTE;

function pod(name: string, overrides: Partial<PoolPod> = {}): PoolPod {
  return {
    name,
    uid: `uid-${name}`,
    resourceVersion: '1',
    clusterId: undefined,
    ready: true,
    deleting: false,
    idleSinceMs: NOW - MINUTE,
    ...overrides,
  };
}

describe('planPool', () => {
  it.each<[string, Parameters<typeof planPool>[0], PoolPod[], number, string[]]>([
    ['an empty pool starts its minimum of idle pods', { minIdleInstances: 2 }, [], 2, []],
    ['a pool at its minimum does nothing', { minIdleInstances: 2 }, [pod('a'), pod('b')], 0, []],
    [
      'pods being deleted do not count',
      { minIdleInstances: 2 },
      [pod('a'), pod('b', { deleting: true })],
      1,
      [],
    ],
    [
      'used pods take capacity from the idle minimum',
      { minIdleInstances: 2, maxCapacity: 3 },
      [pod('a', { clusterId: 'c' }), pod('b', { clusterId: 'c' })],
      1,
      [],
    ],
    [
      'a full pool starts nothing',
      { minIdleInstances: 1, maxCapacity: 2 },
      [pod('a', { clusterId: 'c' }), pod('b', { clusterId: 'c' })],
      0,
      [],
    ],
    [
      'idle pods beyond the minimum end after the idle time, longest idle first',
      { minIdleInstances: 1, idleInstanceAutoterminationMinutes: 10 },
      [
        pod('new'),
        pod('old', { idleSinceMs: NOW - 30 * MINUTE }),
        pod('older', { idleSinceMs: NOW - 40 * MINUTE }),
      ],
      0,
      ['older', 'old'],
    ],
    [
      'the minimum stays however long it idles',
      { minIdleInstances: 2, idleInstanceAutoterminationMinutes: 10 },
      [pod('a', { idleSinceMs: 0 }), pod('b', { idleSinceMs: 0 })],
      0,
      [],
    ],
    [
      'idle time defaults to an hour',
      { minIdleInstances: 0 },
      [pod('fresh', { idleSinceMs: NOW - 59 * MINUTE }), pod('stale', { idleSinceMs: NOW - 61 * MINUTE })],
      0,
      ['stale'],
    ],
    [
      'a capacity lowered below the pods ends idle ones at once',
      { minIdleInstances: 0, maxCapacity: 1 },
      [pod('used', { clusterId: 'c' }), pod('a'), pod('b')],
      0,
      ['a', 'b'],
    ],
  ])('%s', (_, limits, pods, create, deleted) => {
    const plan = planPool(limits, pods, NOW);
    expect(plan.create).toBe(create);
    expect([...plan.delete].sort()).toEqual([...deleted].sort());
  });

  it('counts idle and used pods, Ready or pending', () => {
    const plan = planPool(
      { minIdleInstances: 0 },
      [
        pod('a'),
        pod('b', { ready: false }),
        pod('c', { clusterId: 'x' }),
        pod('d', { clusterId: 'x', ready: false }),
        pod('e', { clusterId: 'x' }),
        pod('f', { deleting: true }),
      ],
      NOW,
    );
    expect(plan.stats).toEqual({ usedCount: 2, pendingUsedCount: 1, idleCount: 1, pendingIdleCount: 1 });
  });
});

describe('podsToAdopt', () => {
  it('takes Ready idle pods first, oldest first, never used or deleted ones', () => {
    const pods = [
      pod('pending-old', { ready: false, idleSinceMs: 0 }),
      pod('ready-new', { idleSinceMs: NOW }),
      pod('ready-old', { idleSinceMs: 1 }),
      pod('used', { clusterId: 'c', idleSinceMs: 0 }),
      pod('going', { deleting: true, idleSinceMs: 0 }),
    ];
    expect(podsToAdopt(pods, 3).map((p) => p.name)).toEqual(['ready-old', 'ready-new', 'pending-old']);
    expect(podsToAdopt(pods, 10)).toHaveLength(3);
    expect(podsToAdopt(pods, 0)).toEqual([]);
  });
});

describe('planPool wakeAtMs', () => {
  it('is when the oldest idle pod beyond the minimum expires', () => {
    const pods = [pod('a', { idleSinceMs: NOW - 5 * MINUTE }), pod('b', { idleSinceMs: NOW - MINUTE })];
    expect(
      planPool({ minIdleInstances: 1, idleInstanceAutoterminationMinutes: 10 }, pods, NOW).wakeAtMs,
    ).toBe(NOW + 5 * MINUTE);
  });

  it('is none while the pool holds only its minimum', () => {
    expect(planPool({ minIdleInstances: 1 }, [pod('a')], NOW).wakeAtMs).toBeUndefined();
  });
});

describe('planPool growth', () => {
  it('starts at most ten pods at once, however high the minimum', () => {
    expect(planPool({ minIdleInstances: 5_000 }, [], NOW).create).toBe(10);
    const starting = Array.from({ length: 4 }, (_, i) => pod(`s${i}`, { ready: false }));
    expect(planPool({ minIdleInstances: 5_000 }, starting, NOW).create).toBe(6);
  });
});
