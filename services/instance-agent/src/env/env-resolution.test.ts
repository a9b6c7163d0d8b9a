import type { V1Container, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  type EnvContext,
  type EnvSources,
  referencedSources,
  resolveContainerEnv,
} from './env-resolution.js';

const pod: V1Pod = {
  metadata: {
    name: 'driver-0',
    namespace: 'ws-1',
    uid: 'uid-1',
    labels: { app: 'spark', tier: 'driver' },
    annotations: { note: 'x' },
  },
  spec: { nodeName: 'brickyard-instance-0', serviceAccountName: 'runtime', containers: [] },
};
const context: EnvContext = {
  pod,
  podIP: '127.32.0.7',
  hostIP: '127.0.0.1',
  allocatable: { cpu: '16', memory: '64Gi' },
};
const sources: EnvSources = {
  secrets: new Map([['creds', { password: 's3cret', user: 'admin' }]]),
  configMaps: new Map([['settings', { mode: 'fast', 'bad key': 'skipped', level: '3' }]]),
};

function container(fields: Partial<V1Container>): V1Container {
  return { name: 'main', image: 'brickyard/runtime', ...fields };
}

describe('resolveContainerEnv', () => {
  it.each<{ sentence: string; fields: Partial<V1Container>; env: Record<string, string> }>([
    {
      sentence: 'plain values are taken as written',
      fields: { env: [{ name: 'A', value: '1' }, { name: 'B' }] },
      env: { A: '1', B: '' },
    },
    {
      sentence: 'values expand variables defined before them',
      fields: {
        env: [
          { name: 'A', value: 'x' },
          { name: 'B', value: '$(A)-$(C)' },
          { name: 'C', value: 'late' },
        ],
      },
      env: { A: 'x', B: 'x-$(C)', C: 'late' },
    },
    {
      sentence: 'secretKeyRef and configMapKeyRef read one key',
      fields: {
        env: [
          { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
          { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } },
        ],
      },
      env: { PASSWORD: 's3cret', MODE: 'fast' },
    },
    {
      sentence: 'optional references to missing sources or keys are left out',
      fields: {
        env: [
          { name: 'X', valueFrom: { secretKeyRef: { name: 'absent', key: 'k', optional: true } } },
          { name: 'Y', valueFrom: { configMapKeyRef: { name: 'settings', key: 'nope', optional: true } } },
        ],
        envFrom: [{ secretRef: { name: 'absent', optional: true } }],
      },
      env: {},
    },
    {
      sentence: 'fieldRef reads the pod, its node and its addresses',
      fields: {
        env: [
          { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
          { name: 'UID', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } },
          { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          { name: 'SA', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
          { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'HOST', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
          { name: 'TIER', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } },
          { name: 'NOTE', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['note']" } } },
          { name: 'LABELS', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } },
        ],
      },
      env: {
        POD: 'driver-0',
        NS: 'ws-1',
        UID: 'uid-1',
        NODE: 'brickyard-instance-0',
        SA: 'runtime',
        IP: '127.32.0.7',
        HOST: '127.0.0.1',
        TIER: 'driver',
        NOTE: 'x',
        LABELS: 'app="spark"\ntier="driver"',
      },
    },
    {
      sentence: 'envFrom copies every valid key with its prefix, and env overrides it',
      fields: {
        envFrom: [{ configMapRef: { name: 'settings' }, prefix: 'CFG_' }, { secretRef: { name: 'creds' } }],
        env: [{ name: 'user', value: 'override' }],
      },
      env: { CFG_mode: 'fast', CFG_level: '3', password: 's3cret', user: 'override' },
    },
    {
      sentence: 'resourceFieldRef divides and rounds up, with allocatable for an unset limit',
      fields: {
        resources: { requests: { cpu: '250m', memory: '1Gi' } },
        env: [
          { name: 'CPU_REQ', valueFrom: { resourceFieldRef: { resource: 'requests.cpu' } } },
          { name: 'CPU_REQ_M', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
          {
            name: 'MEM_REQ',
            valueFrom: { resourceFieldRef: { resource: 'requests.memory', divisor: '1Mi' } },
          },
          { name: 'CPU_LIM', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
        ],
      },
      env: { CPU_REQ: '1', CPU_REQ_M: '250', MEM_REQ: '1024', CPU_LIM: '16' },
    },
  ])('$sentence', ({ fields, env }) => {
    expect(resolveContainerEnv(container(fields), context, sources)).toEqual({ ok: true, env });
  });

  it.each<{ sentence: string; fields: Partial<V1Container>; message: string }>([
    {
      sentence: 'a required missing secret',
      fields: { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'absent', key: 'k' } } }] },
      message: 'secret "absent" not found',
    },
    {
      sentence: 'a required missing secret key',
      fields: { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } }] },
      message: "couldn't find key token in Secret ws-1/creds",
    },
    {
      sentence: 'a required missing config map key',
      fields: { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'settings', key: 'nope' } } }] },
      message: "couldn't find key nope in ConfigMap ws-1/settings",
    },
    {
      sentence: 'a required missing envFrom config map',
      fields: { envFrom: [{ configMapRef: { name: 'absent' } }] },
      message: 'configmap "absent" not found',
    },
    {
      sentence: 'an unsupported field path',
      fields: { env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'spec.hostname' } } }] },
      message: 'env X: unsupported fieldRef fieldPath "spec.hostname"',
    },
  ])('reports $sentence as a configuration error', ({ fields, message }) => {
    expect(resolveContainerEnv(container(fields), context, sources)).toEqual({ ok: false, message });
  });
});

describe('referencedSources', () => {
  it('collects the secrets and config maps of env and envFrom across containers', () => {
    const found = referencedSources([
      container({
        env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's1', key: 'k' } } }],
        envFrom: [{ configMapRef: { name: 'c1' } }],
      }),
      container({
        env: [{ name: 'B', valueFrom: { configMapKeyRef: { name: 'c2', key: 'k' } } }],
        envFrom: [{ secretRef: { name: 's2' } }],
      }),
    ]);
    expect([...found.secrets].sort()).toEqual(['s1', 's2']);
    expect([...found.configMaps].sort()).toEqual(['c1', 'c2']);
  });
});
