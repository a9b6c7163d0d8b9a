import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProbeTarget } from './probe-target.js';
import { ReadinessProber, runProbe, STARTUP_PERIOD_MS } from './readiness-prober.js';

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
    // Before the first success it probes every STARTUP_PERIOD_MS, afterwards every period.
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(STARTUP_PERIOD_MS);
    expect(prober.ready).toBe(false);
    await vi.advanceTimersByTimeAsync(STARTUP_PERIOD_MS);
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

describe('runProbe', () => {
  it.each([
    { status: 200, passed: true, sentence: 'a 2xx answer passes' },
    { status: 302, passed: true, sentence: 'a redirect passes' },
    { status: 503, passed: false, sentence: 'a 5xx answer fails' },
  ])('$sentence', async ({ status, passed }) => {
    const server = createServer((_, response) => {
      response.writeHead(status);
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const target: ProbeTarget = {
      kind: 'http',
      scheme: 'http',
      host: '127.0.0.1',
      port,
      path: '/',
      headers: {},
    };
    await expect(runProbe(target, 1_000)).resolves.toBe(passed);
    await expect(runProbe({ kind: 'tcp', host: '127.0.0.1', port }, 1_000)).resolves.toBe(true);
    await new Promise((resolve) => server.close(resolve));
  });

  it('fails a TCP probe of a closed port', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    await expect(runProbe({ kind: 'tcp', host: '127.0.0.1', port }, 1_000)).resolves.toBe(false);
  });
});
