import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_READY_PERIOD_MS, ReadinessProber } from './readiness-prober.js';

const timing = {
  initialDelayMs: 0,
  periodMs: 10_000,
  timeoutMs: 1_000,
  successThreshold: 2,
  failureThreshold: 2,
};

describe('ReadinessProber', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns ready after successThreshold passes and unready after failureThreshold failures', async () => {
    vi.useFakeTimers();
    const results = [false, true, true, false, true, false, false];
    const changes: boolean[] = [];
    const prober = new ReadinessProber(
      { kind: 'tcp', host: '127.0.0.1', port: 1 },
      timing,
      (ready) => changes.push(ready),
      async () => results.shift() ?? false,
    );
    prober.start();
    // Before the first success it probes every FIRST_READY_PERIOD_MS, afterwards every period.
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(FIRST_READY_PERIOD_MS);
    expect(prober.ready).toBe(false);
    await vi.advanceTimersByTimeAsync(FIRST_READY_PERIOD_MS);
    expect(prober.ready).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(prober.ready).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(prober.ready).toBe(false);
    expect(changes).toEqual([true, false]);
    prober.stop();
  });
});
