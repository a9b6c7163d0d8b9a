import { afterEach, describe, expect, it, vi } from 'vitest';
import { StartupProber } from './startup-prober.js';

const target = { kind: 'tcp', host: '127.0.0.1', port: 1 } as const;
const timing = {
  initialDelayMs: 5_000,
  periodMs: 1_000,
  timeoutMs: 1_000,
  successThreshold: 1,
  failureThreshold: 3,
};

/** A prober whose probes answer `results` in turn, and what it reported and how often it probed. */
function prober(results: boolean[], settings = timing) {
  const outcome: boolean[] = [];
  let probes = 0;
  const startup = new StartupProber(
    target,
    settings,
    (started) => outcome.push(started),
    async () => {
      probes++;
      return results.shift() ?? false;
    },
  );
  return { startup, outcome, probes: () => probes };
}

describe('StartupProber', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('probes after the initial delay, every period, and stops for good at the first pass', async () => {
    vi.useFakeTimers();
    const { startup, outcome, probes } = prober([false, false, true]);
    startup.start();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(probes()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(outcome).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(outcome).toEqual([true]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probes()).toBe(3);
    expect(outcome).toEqual([true]);
  });

  it('fails once after failureThreshold failures in a row, and probes no more', async () => {
    vi.useFakeTimers();
    const { startup, outcome, probes } = prober([]);
    startup.start();
    await vi.advanceTimersByTimeAsync(5_000 + 1_000);
    expect(outcome).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(outcome).toEqual([false]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probes()).toBe(3);
    expect(outcome).toEqual([false]);
  });

  it('reports nothing once stopped, not even a probe that was under way', async () => {
    vi.useFakeTimers();
    let answer: (passed: boolean) => void = () => {};
    const outcome: boolean[] = [];
    const startup = new StartupProber(
      target,
      { ...timing, initialDelayMs: 0 },
      (started) => outcome.push(started),
      () => new Promise((resolve) => (answer = resolve)),
    );
    startup.start();
    await vi.advanceTimersByTimeAsync(0);
    startup.stop();
    answer(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(outcome).toEqual([]);
  });
});
