import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkQueue } from './work-queue.js';

/** Takes every key that is ready now, marking each done right away. */
async function drainReady(queue: WorkQueue): Promise<string[]> {
  const keys: string[] = [];
  while (queue.depth > 0) {
    const key = await queue.get();
    if (key === undefined) break;
    keys.push(key);
    queue.done(key);
  }
  return keys;
}

describe('WorkQueue de-duplication', () => {
  interface Case {
    /** Operations applied in order: add a key, get the next key, or mark a key done. */
    steps: ({ add: string } | { get: string } | { done: string })[];
    /** Keys handed out afterwards, in order, by draining the queue. */
    handedOut: string[];
  }
  const cases: Record<string, Case> = {
    'hands out a key added twice while waiting only once': {
      steps: [{ add: 'a' }, { add: 'a' }],
      handedOut: ['a'],
    },
    'keeps the order in which distinct keys were first added': {
      steps: [{ add: 'b' }, { add: 'a' }, { add: 'b' }, { add: 'c' }],
      handedOut: ['b', 'a', 'c'],
    },
    'hands out again, after done, a key re-added while it was being processed': {
      steps: [{ add: 'a' }, { get: 'a' }, { add: 'a' }],
      handedOut: ['a'],
    },
    'does not hand out a processed key that nobody re-added': {
      steps: [{ add: 'a' }, { get: 'a' }, { done: 'a' }],
      handedOut: [],
    },
    'collapses several re-adds during processing into one more pass': {
      steps: [{ add: 'a' }, { get: 'a' }, { add: 'a' }, { add: 'a' }, { done: 'a' }],
      handedOut: ['a'],
    },
  };

  it.each(Object.entries(cases))('%s', async (_name, { steps, handedOut }) => {
    const queue = new WorkQueue();
    const held = new Set<string>();
    for (const step of steps) {
      if ('add' in step) queue.add(step.add);
      else if ('get' in step) {
        expect(await queue.get()).toBe(step.get);
        held.add(step.get);
      } else {
        queue.done(step.done);
        held.delete(step.done);
      }
    }
    for (const key of held) queue.done(key);
    expect(await drainReady(queue)).toEqual(handedOut);
  });
});

describe('WorkQueue timing', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('adds a key only once its delay has passed', async () => {
    const queue = new WorkQueue();
    queue.addAfter('a', 1_000);
    vi.advanceTimersByTime(999);
    expect(queue.depth).toBe(0);
    vi.advanceTimersByTime(1);
    expect(await drainReady(queue)).toEqual(['a']);
  });

  it('keeps the earliest of two timed adds of the same key', async () => {
    const queue = new WorkQueue();
    queue.addAfter('a', 5_000);
    queue.addAfter('a', 1_000);
    queue.addAfter('a', 3_000);
    vi.advanceTimersByTime(1_000);
    expect(await drainReady(queue)).toEqual(['a']);
    vi.advanceTimersByTime(10_000);
    expect(queue.depth).toBe(0);
  });

  it('waits longer after each failure in a row, as the backoff says', async () => {
    const asked: number[] = [];
    const queue = new WorkQueue({
      backoff: (failures) => {
        asked.push(failures);
        return 100 * 2 ** (failures - 1);
      },
    });
    for (const delay of [100, 200, 400]) {
      queue.addRateLimited('a');
      vi.advanceTimersByTime(delay - 1);
      expect(queue.depth).toBe(0);
      vi.advanceTimersByTime(1);
      expect(await queue.get()).toBe('a');
      queue.done('a');
    }
    expect(asked).toEqual([1, 2, 3]);
  });

  it('resets the backoff of a key once it is forgotten', () => {
    const queue = new WorkQueue({ backoff: (n) => 100 * 2 ** (n - 1) });
    queue.addRateLimited('a');
    queue.addRateLimited('a');
    queue.forget('a');
    expect(queue.failuresOf('a')).toBe(0);
  });
});

describe('WorkQueue workers', () => {
  it('never hands the same key to two workers at once', async () => {
    const queue = new WorkQueue();
    const active = new Set<string>();
    let overlaps = 0;
    const processed: string[] = [];
    const worker = async (): Promise<void> => {
      for (;;) {
        const key = await queue.get();
        if (key === undefined) return;
        if (active.has(key)) overlaps++;
        active.add(key);
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (processed.length < 40) queue.add(key);
        processed.push(key);
        active.delete(key);
        queue.done(key);
      }
    };
    for (const key of ['a', 'b', 'c']) queue.add(key);
    const workers = [worker(), worker(), worker(), worker()];
    await new Promise((resolve) => setTimeout(resolve, 50));
    await queue.shutDownWithDrain();
    await Promise.all(workers);
    expect(overlaps).toBe(0);
    expect(new Set(processed)).toEqual(new Set(['a', 'b', 'c']));
  });

  it('lets workers finish waiting and in-flight keys on shutdown, then ends them', async () => {
    const queue = new WorkQueue();
    const processed: string[] = [];
    const worker = async (): Promise<void> => {
      for (;;) {
        const key = await queue.get();
        if (key === undefined) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
        processed.push(key);
        queue.done(key);
      }
    };
    for (const key of ['a', 'b', 'c']) queue.add(key);
    const workers = [worker(), worker()];
    await queue.shutDownWithDrain();
    queue.add('late');
    await Promise.all(workers);
    expect(processed.sort()).toEqual(['a', 'b', 'c']);
  });

  it('reports the number of waiting keys as it changes', async () => {
    const depths: number[] = [];
    const queue = new WorkQueue({ onDepthChange: (depth) => depths.push(depth) });
    queue.add('a');
    queue.add('b');
    await queue.get();
    expect(depths).toEqual([1, 2, 1]);
  });
});
