import { afterEach, describe, expect, it, vi } from 'vitest';
import { SerialSync } from './serial-sync.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('SerialSync', () => {
  it('coalesces requests during a run into one more run after it', async () => {
    let runs = 0;
    let release: () => void = () => {};
    const syncs = new SerialSync(async () => {
      runs++;
      if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
    }, vi.fn());
    syncs.request();
    syncs.request();
    syncs.request();
    expect(runs).toBe(1);
    release();
    await vi.waitFor(() => expect(runs).toBe(2));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(runs).toBe(2);
  });

  it('retries a failed run with backoff and reports the failure', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const onFailure = vi.fn();
    const syncs = new SerialSync(async () => {
      runs++;
      if (runs === 1) throw new Error('apiserver away');
    }, onFailure);
    syncs.request();
    await vi.advanceTimersByTimeAsync(0);
    expect(onFailure).toHaveBeenCalledWith(expect.any(Error), expect.any(Number));
    const [, retryInMs] = onFailure.mock.calls[0] as [unknown, number];
    await vi.advanceTimersByTimeAsync(retryInMs);
    expect(runs).toBe(2);
  });

  it('runs nothing once stopped, not even a pending retry', async () => {
    vi.useFakeTimers();
    const sync = vi.fn(async () => {});
    const syncs = new SerialSync(sync, vi.fn());
    syncs.retryIn(1_000);
    syncs.stop();
    syncs.request();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sync).not.toHaveBeenCalled();
  });
});
