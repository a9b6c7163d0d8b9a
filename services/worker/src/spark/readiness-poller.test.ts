import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ReadinessPoller } from './readiness-poller.js';

const log = pino({ level: 'silent' });
const pollers: ReadinessPoller[] = [];
const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

function poller(probe: () => Promise<unknown>): ReadinessPoller {
  const made = new ReadinessPoller({ what: 'Thing', probe, log, pendingMs: 5, readyMs: 5 });
  pollers.push(made);
  made.start();
  return made;
}

afterEach(() => {
  for (const made of pollers.splice(0)) made.stop();
});

describe('ReadinessPoller', () => {
  it('is not ready, saying why, until the probe succeeds, then resolves firstReady', async () => {
    let up = false;
    const made = poller(async () => {
      if (!up) throw new Error('connection refused');
    });
    await tick();
    expect({ ready: made.ready, reason: made.reason }).toEqual({
      ready: false,
      reason: 'Thing: connection refused',
    });
    up = true;
    await made.firstReady;
    expect({ ready: made.ready, reason: made.reason }).toEqual({ ready: true, reason: undefined });
  });

  it('stops being ready when the probe fails again', async () => {
    let up = true;
    const made = poller(async () => {
      if (!up) throw new Error('gone');
    });
    await made.firstReady;
    up = false;
    await tick();
    expect(made.ready).toBe(false);
  });

  it('after a reset, ignores the answer of a probe that started before it', async () => {
    let release: () => void = () => {};
    let calls = 0;
    const made = poller(() => {
      calls++;
      // The first probe hangs until released; later ones fail.
      if (calls === 1) return new Promise<void>((resolve) => (release = resolve));
      return Promise.reject(new Error('not registered'));
    });
    await tick();
    made.reset('replaced');
    release();
    await tick();
    expect(made.ready).toBe(false);
  });
});
