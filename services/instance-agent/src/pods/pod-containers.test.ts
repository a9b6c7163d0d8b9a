import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { V1Container } from '@kubernetes/client-node';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAgentMetrics } from '../metrics.js';
import { PodContainers, type PodContainersSpec } from './pod-containers.js';

const dir = mkdtempSync(join(tmpdir(), 'pod-containers-'));
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
/** A port something listens on, so probes of it pass. */
let listening: Server;
let openPort = 0;
let pods: PodContainers[] = [];

beforeAll(async () => {
  listening = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  openPort = (listening.address() as { port: number }).port;
});

afterEach(async () => {
  await Promise.all(pods.map((pod) => pod.shutdown(1_000)));
  pods = [];
});

afterAll(async () => {
  await new Promise((resolve) => listening.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** The containers of a pod whose processes sleep, on 127.0.0.1; syncs counts requested syncs. */
function podOf(spec: PodContainersSpec) {
  let syncs = 0;
  const pod = new PodContainers(spec, undefined, '2026-01-01T00:00:00Z', {
    uid: 'uid-1',
    log: pino({ level: 'silent' }),
    metrics: createAgentMetrics(new Registry(), () => []),
    clock: Date.now,
    restartBackoff: { initialMs: 1_000, maxMs: 10_000 },
    podRef: () => 'p_ns(uid-1)',
    podIP: () => '127.0.0.1',
    prepareLaunch: async (container) => ({
      ok: true,
      process: { argv: ['sleep', '30'], env, cwd: dir, logFile: join(dir, `${container.name}.log`) },
      command: ['sleep', '30'],
    }),
    requestSync: () => syncs++,
  });
  pods.push(pod);
  return { pod, syncs: () => syncs };
}

const passing = { tcpSocket: { port: 'open' }, periodSeconds: 1 };
/** A named port the container does not have: the probe fails at once. */
const failing = { tcpSocket: { port: 'absent' }, periodSeconds: 1 };
const container = (name: string, probes: Partial<V1Container>): V1Container => ({
  name,
  image: 'sleeper',
  ports: [{ name: 'open', containerPort: openPort }],
  ...probes,
});
const record = (pod: PodContainers, name: string) => pod.records.find((entry) => entry.name === name);

describe('PodContainers probes', () => {
  it('starts a container once its startup probe passes, and only then probes its readiness', async () => {
    const { pod, syncs } = podOf({
      containers: [
        container('plain', {}),
        container('startup-only', { startupProbe: passing }),
        container('never-ready', { startupProbe: passing, readinessProbe: failing }),
        container('ready', { startupProbe: passing, readinessProbe: passing }),
      ],
    });
    await pod.drive('Always');
    // Without a startup probe a running container has started (and is ready without a readiness probe).
    expect(record(pod, 'plain')).toMatchObject({ state: { kind: 'running' }, started: true, ready: true });
    expect(record(pod, 'startup-only')).toMatchObject({
      state: { kind: 'running' },
      started: false,
      ready: false,
    });
    await vi.waitFor(() => {
      expect(record(pod, 'startup-only')).toMatchObject({ started: true, ready: true });
      expect(record(pod, 'never-ready')).toMatchObject({ started: true, ready: false });
      expect(record(pod, 'ready')).toMatchObject({ started: true, ready: true });
    });
    expect(syncs()).toBeGreaterThanOrEqual(3);
  });

  it('kills a container that fails its startup probe failureThreshold times, restarted by the policy', async () => {
    const { pod, syncs } = podOf({
      restartPolicy: 'Always',
      containers: [
        container('cold', { startupProbe: { ...failing, failureThreshold: 2 }, readinessProbe: passing }),
      ],
    });
    await pod.drive('Always');
    const firstFailure = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // One failure is not enough.
    expect(record(pod, 'cold')).toMatchObject({ state: { kind: 'running' }, started: false, ready: false });
    await vi.waitFor(() => expect(record(pod, 'cold')?.state.kind).toBe('terminated'), { timeout: 5_000 });
    expect(Date.now() - firstFailure).toBeGreaterThanOrEqual(900);
    expect(record(pod, 'cold')).toMatchObject({
      state: { terminated: { exitCode: 143, signal: 15, reason: 'Error' } },
      started: false,
      ready: false,
    });
    expect(syncs()).toBe(1);
    await pod.drive('Always');
    expect(record(pod, 'cold')).toMatchObject({
      restartCount: 1,
      state: { kind: 'running' },
      started: false,
      ready: false,
    });
  });

  it('leaves a container that failed its startup probe stopped under restartPolicy Never', async () => {
    const { pod } = podOf({
      restartPolicy: 'Never',
      containers: [container('cold', { startupProbe: { ...failing, failureThreshold: 1 } })],
    });
    await pod.drive('Never');
    await vi.waitFor(() => expect(record(pod, 'cold')?.state.kind).toBe('terminated'));
    await pod.drive('Never');
    expect(record(pod, 'cold')).toMatchObject({ restartCount: 0, state: { kind: 'terminated' } });
    expect(pod.anyRunning()).toBe(false);
  });
});
