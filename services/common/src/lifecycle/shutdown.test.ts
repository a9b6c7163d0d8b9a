import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { handleShutdown } from './shutdown.js';

const log = pino({ level: 'silent' });
const SIGNAL = 'SIGUSR2';

afterEach(() => {
  process.removeAllListeners(SIGNAL);
});

describe('handleShutdown', () => {
  it('stops once on a signal, however often it comes, then exits 0', async () => {
    const exits: number[] = [];
    let stops = 0;
    let stopped: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      stopped = resolve;
    });
    const shutdown = handleShutdown({
      log,
      graceMs: 1_000,
      signals: [SIGNAL],
      exit: (code) => {
        exits.push(code);
        stopped();
      },
      stop: async () => {
        stops++;
      },
    });
    expect(shutdown.requested).toBe(false);
    process.emit(SIGNAL, SIGNAL);
    process.emit(SIGNAL, SIGNAL);
    await done;
    expect(shutdown.requested).toBe(true);
    expect({ stops, exits }).toEqual({ stops: 1, exits: [0] });
  });

  it('exits 1 when stopping fails', async () => {
    const exits: number[] = [];
    const shutdown = handleShutdown({
      log,
      graceMs: 1_000,
      signals: [SIGNAL],
      exit: (code) => exits.push(code),
      stop: async () => {
        throw new Error('redis gone');
      },
    });
    await shutdown.run('test');
    expect(exits).toEqual([1]);
  });

  it('exits 1 when stopping takes longer than the grace period', async () => {
    const exits: number[] = [];
    const shutdown = handleShutdown({
      log,
      graceMs: 20,
      signals: [SIGNAL],
      exit: (code) => exits.push(code),
      stop: () => new Promise((resolve) => setTimeout(resolve, 200)),
    });
    await shutdown.run('test');
    expect(exits[0]).toBe(1);
  });
});
