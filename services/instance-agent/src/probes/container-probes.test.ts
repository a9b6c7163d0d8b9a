import type { V1Container } from '@kubernetes/client-node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContainerProbes } from './container-probes.js';
import type { ProbeTarget } from './probe-target.js';

const STARTUP_PORT = 8001;
const READINESS_PORT = 8002;
const startupProbe = { tcpSocket: { port: STARTUP_PORT }, periodSeconds: 1, failureThreshold: 3 };
const readinessProbe = { tcpSocket: { port: READINESS_PORT }, periodSeconds: 1 };

/**
 * The probes of `spec` against a fake network: the startup probe passes from `startedAfterMs` on
 * (never if undefined), the readiness probe always. Records the events in order and the probes run.
 */
function probesOf(spec: V1Container, startedAfterMs: number | undefined) {
  const events: string[] = [];
  const probed: string[] = [];
  const runner = async (target: ProbeTarget): Promise<boolean> => {
    const port = target.kind === 'tcp' ? target.port : 0;
    probed.push(port === STARTUP_PORT ? 'startup' : 'readiness');
    if (port !== STARTUP_PORT) return true;
    return startedAfterMs !== undefined && Date.now() >= startedAfterMs;
  };
  const probes = new ContainerProbes(
    spec,
    '127.32.0.5',
    {
      onStarted: () => events.push('started'),
      onStartupFailed: () => events.push('startup failed'),
      onReadiness: (ready) => events.push(ready ? 'ready' : 'unready'),
    },
    runner,
  );
  return { probes, events, probed };
}

describe('ContainerProbes', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the readiness probe only once the startup probe passed', async () => {
    vi.useFakeTimers({ now: 0 });
    const { probes, events, probed } = probesOf({ name: 'main', startupProbe, readinessProbe }, 1_500);
    probes.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(events).toEqual([]);
    expect(probed).toEqual(['startup', 'startup']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(events).toEqual(['started']);
    // Fake timers run a timeout of 0 set during an advance a millisecond later.
    await vi.advanceTimersByTimeAsync(1);
    expect(events).toEqual(['started', 'ready']);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(probed.filter((kind) => kind === 'startup')).toHaveLength(3);
    probes.stop();
  });

  it('reports a startup failure after failureThreshold failures and never probes readiness', async () => {
    vi.useFakeTimers({ now: 0 });
    const { probes, events, probed } = probesOf({ name: 'main', startupProbe, readinessProbe }, undefined);
    probes.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(events).toEqual(['startup failed']);
    expect(probed).toEqual(['startup', 'startup', 'startup']);
  });

  it('probes readiness right away without a startup probe', async () => {
    vi.useFakeTimers({ now: 0 });
    const { probes, events, probed } = probesOf({ name: 'main', readinessProbe }, undefined);
    probes.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual(['ready']);
    expect(probed).toEqual(['readiness']);
    probes.stop();
  });

  it('reports nothing once stopped', async () => {
    vi.useFakeTimers({ now: 0 });
    const { probes, events } = probesOf({ name: 'main', startupProbe, readinessProbe }, 0);
    probes.start();
    probes.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(events).toEqual([]);
  });
});
