import { describe, expect, it } from 'vitest';
import { WriteQueue } from './write-queue.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('WriteQueue', () => {
  it('runs the work of one key in arrival order, one at a time', async () => {
    const queue = new WriteQueue();
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name} starts`);
      await tick();
      events.push(`${name} ends`);
      return name;
    };
    const results = await Promise.all([queue.run('ws', work('a')), queue.run('ws', work('b'))]);
    expect(results).toEqual(['a', 'b']);
    expect(events).toEqual(['a starts', 'a ends', 'b starts', 'b ends']);
  });

  it('goes on after a failed write', async () => {
    const queue = new WriteQueue();
    const failed = queue.run('ws', async () => {
      throw new Error('refused');
    });
    await expect(failed).rejects.toThrow('refused');
    await expect(queue.run('ws', async () => 'next')).resolves.toBe('next');
  });

  it('does not hold one key up behind another', async () => {
    const queue = new WriteQueue();
    let release: () => void = () => {};
    const held = queue.run('a', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(queue.run('b', async () => 'b')).resolves.toBe('b');
    release();
    await held;
  });
});
