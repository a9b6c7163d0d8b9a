import type { V1Container, V1Probe } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { probeTarget, probeTiming } from './probe-target.js';

const container: V1Container = { name: 'web', ports: [{ name: 'http', containerPort: 8080 }] };

describe('probeTarget', () => {
  it.each<{ sentence: string; probe: V1Probe; target: unknown }>([
    {
      sentence: 'httpGet probes the pod IP on a numeric port',
      probe: { httpGet: { port: 9000, path: 'health' } },
      target: { kind: 'http', scheme: 'http', host: '127.32.0.5', port: 9000, path: '/health', headers: {} },
    },
    {
      sentence: 'httpGet resolves a named port and keeps headers and scheme',
      probe: {
        httpGet: { port: 'http', scheme: 'HTTPS', httpHeaders: [{ name: 'X-Probe', value: '1' }] },
      },
      target: {
        kind: 'http',
        scheme: 'https',
        host: '127.32.0.5',
        port: 8080,
        path: '/',
        headers: { 'X-Probe': '1' },
      },
    },
    {
      sentence: 'tcpSocket honours an explicit host',
      probe: { tcpSocket: { port: '8080', host: '127.0.0.1' } },
      target: { kind: 'tcp', host: '127.0.0.1', port: 8080 },
    },
    {
      sentence: 'grpc is checked as a TCP connect',
      probe: { grpc: { port: 50051 } },
      target: { kind: 'tcp', host: '127.32.0.5', port: 50051 },
    },
    {
      sentence: 'exec counts as passing',
      probe: { exec: { command: ['true'] } },
      target: { kind: 'assumed', reason: 'exec probes are not run by the instance agent' },
    },
    {
      sentence: 'an unknown named port is invalid',
      probe: { tcpSocket: { port: 'metrics' } },
      target: { kind: 'invalid', message: 'port "metrics" is not a port of container "web"' },
    },
  ])('$sentence', ({ probe, target }) => {
    expect(probeTarget(probe, container, '127.32.0.5')).toEqual(target);
  });
});

describe('probeTiming', () => {
  it('uses the kubelet defaults', () => {
    expect(probeTiming({})).toEqual({
      initialDelayMs: 0,
      periodMs: 10_000,
      timeoutMs: 1_000,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });

  it('takes the settings of the probe', () => {
    expect(
      probeTiming({
        initialDelaySeconds: 2,
        periodSeconds: 1,
        timeoutSeconds: 3,
        successThreshold: 2,
        failureThreshold: 5,
      }),
    ).toEqual({
      initialDelayMs: 2000,
      periodMs: 1000,
      timeoutMs: 3000,
      successThreshold: 2,
      failureThreshold: 5,
    });
  });
});
