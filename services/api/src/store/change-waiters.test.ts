import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChangeWaiters } from './change-waiters.js';

interface Thing {
  observed: number;
}

describe('ChangeWaiters', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers at once when the condition already holds', async () => {
    const waiters = new ChangeWaiters();
    await expect(
      waiters.waitFor(
        () => ({ observed: 2 }),
        (thing) => thing.observed >= 2,
        1_000,
      ),
    ).resolves.toEqual({
      observed: 2,
    });
    expect(waiters.pending).toBe(0);
  });

  it('answers on the change that makes the condition hold', async () => {
    const waiters = new ChangeWaiters();
    let current: Thing = { observed: 1 };
    const waiting = waiters.waitFor(
      () => current,
      (thing) => thing.observed >= 2,
      60_000,
    );
    waiters.changed();
    expect(waiters.pending).toBe(1);
    current = { observed: 2 };
    waiters.changed();
    await expect(waiting).resolves.toEqual({ observed: 2 });
    expect(waiters.pending).toBe(0);
  });

  it('gives up with undefined when the object is gone', async () => {
    const waiters = new ChangeWaiters();
    let current: Thing | undefined = { observed: 1 };
    const waiting = waiters.waitFor(
      () => current,
      (thing) => thing.observed >= 2,
      60_000,
    );
    current = undefined;
    waiters.changed();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('gives up with undefined when the time is up', async () => {
    vi.useFakeTimers();
    const waiters = new ChangeWaiters();
    const waiting = waiters.waitFor(
      () => ({ observed: 1 }),
      (thing) => thing.observed >= 2,
      5_000,
    );
    vi.advanceTimersByTime(5_000);
    await expect(waiting).resolves.toBeUndefined();
    expect(waiters.pending).toBe(0);
  });
});
