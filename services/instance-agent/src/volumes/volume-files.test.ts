import type { V1Pod, V1Volume } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { DownwardContext } from '../env/downward-api.js';
import {
  planVolume,
  referencedVolumeSources,
  tokenKey,
  type VolumeContent,
  type VolumeSources,
  volumeTokenSpecs,
} from './volume-files.js';

const pod: V1Pod = {
  metadata: { name: 'api-0', namespace: 'ns', uid: 'uid-1', labels: { b: '2', a: '1' } },
  spec: {
    serviceAccountName: 'api',
    containers: [{ name: 'main', resources: { limits: { memory: '1Gi' } } }],
  },
};
const context: DownwardContext = { pod, podIP: '127.32.0.2', hostIP: '127.0.0.1', allocatable: {} };
const token = { serviceAccount: 'api', audience: '', expirationSeconds: 3607 };
const sources: VolumeSources = {
  configMaps: new Map([
    ['settings', { 'b.yaml': Buffer.from('b'), 'a.yaml': Buffer.from('a') }],
    ['kube-root-ca.crt', { 'ca.crt': Buffer.from('CA') }],
  ]),
  secrets: new Map([['creds', { password: Buffer.from('s3cret') }]]),
  tokens: new Map([[tokenKey(token), 'jwt']]),
};

/** path → [text, mode] of the files a plan yields. */
function files(content: VolumeContent): Record<string, [string, string]> {
  if (content.kind !== 'files') throw new Error(`not files: ${content.kind}`);
  return Object.fromEntries(
    content.files.map((file) => [file.path, [file.data.toString(), file.mode.toString(8)]]),
  );
}

describe('planVolume', () => {
  it.each<{ sentence: string; volume: V1Volume; files: Record<string, [string, string]> }>([
    {
      sentence: 'a configMap volume holds every key, sorted, with mode 0644',
      volume: { name: 'v', configMap: { name: 'settings' } },
      files: { 'a.yaml': ['a', '644'], 'b.yaml': ['b', '644'] },
    },
    {
      sentence: 'configMap items select and rename keys, with their own mode or defaultMode',
      volume: {
        name: 'v',
        configMap: {
          name: 'settings',
          defaultMode: 0o600,
          items: [
            { key: 'a.yaml', path: 'conf/app.yaml' },
            { key: 'b.yaml', path: 'b', mode: 0o400 },
          ],
        },
      },
      files: { 'conf/app.yaml': ['a', '600'], b: ['b', '400'] },
    },
    {
      sentence: 'an optional configMap that does not exist is an empty volume',
      volume: { name: 'v', configMap: { name: 'absent', optional: true } },
      files: {},
    },
    {
      sentence: 'a secret volume holds the decoded keys',
      volume: { name: 'v', secret: { secretName: 'creds', items: [{ key: 'password', path: 'pw' }] } },
      files: { pw: ['s3cret', '644'] },
    },
    {
      sentence: 'a downwardAPI volume renders fields, maps as sorted key="value" lines, and resources',
      volume: {
        name: 'v',
        downwardAPI: {
          items: [
            { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
            { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
            {
              path: 'mem',
              resourceFieldRef: { containerName: 'main', resource: 'limits.memory', divisor: '1Mi' },
            },
          ],
        },
      },
      files: { name: ['api-0', '644'], labels: ['a="1"\nb="2"', '644'], mem: ['1024', '644'] },
    },
    {
      sentence: 'the kube-api-access projected volume holds token, ca.crt and namespace',
      volume: {
        name: 'kube-api-access-x',
        projected: {
          defaultMode: 0o644,
          sources: [
            { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            {
              downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] },
            },
          ],
        },
      },
      files: { token: ['jwt', '644'], 'ca.crt': ['CA', '644'], namespace: ['ns', '644'] },
    },
  ])('$sentence', ({ volume, files: expected }) => {
    const plan = planVolume(volume, pod, context, sources);
    if (!plan.ok) throw new Error(plan.message);
    expect(files(plan.content)).toEqual(expected);
  });

  it.each<{ sentence: string; volume: V1Volume; content: VolumeContent }>([
    {
      sentence: 'an emptyDir is a directory of the agent',
      volume: { name: 'v', emptyDir: {} },
      content: { kind: 'emptyDir' },
    },
    {
      sentence: 'a hostPath of type DirectoryOrCreate is created',
      volume: { name: 'v', hostPath: { path: '/data', type: 'DirectoryOrCreate' } },
      content: { kind: 'hostPath', path: '/data', create: true },
    },
  ])('$sentence', ({ volume, content }) => {
    expect(planVolume(volume, pod, context, sources)).toEqual({ ok: true, content });
  });

  it.each<{ sentence: string; volume: V1Volume; message: string }>([
    {
      sentence: 'a configMap that does not exist',
      volume: { name: 'v', configMap: { name: 'absent' } },
      message: 'MountVolume.SetUp failed for volume "v" : configmap "absent" not found',
    },
    {
      sentence: 'a configMap item of a missing key',
      volume: { name: 'v', configMap: { name: 'settings', items: [{ key: 'nope', path: 'x' }] } },
      message: 'configmap references non-existent config key: nope',
    },
    {
      sentence: 'a secret item of a missing key',
      volume: { name: 'v', secret: { secretName: 'creds', items: [{ key: 'nope', path: 'x' }] } },
      message: 'references non-existent secret key: nope',
    },
    {
      sentence: 'an item path that leaves the volume',
      volume: { name: 'v', configMap: { name: 'settings', items: [{ key: 'a.yaml', path: '../x' }] } },
      message: 'invalid file path "../x"',
    },
    {
      sentence: 'a volume type the agent cannot provide',
      volume: { name: 'v', persistentVolumeClaim: { claimName: 'data' } },
      message: 'volume type "persistentVolumeClaim" is not supported',
    },
  ])('reports $sentence as a mount failure', ({ volume, message }) => {
    const plan = planVolume(volume, pod, context, sources);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.message).toContain(message);
  });
});

describe('referencedVolumeSources and volumeTokenSpecs', () => {
  it('name the ConfigMaps, Secrets and tokens of plain and projected volumes', () => {
    const volumes: V1Volume[] = [
      { name: 'a', configMap: { name: 'settings' } },
      { name: 'b', secret: { secretName: 'creds' } },
      {
        name: 'c',
        projected: {
          sources: [
            { configMap: { name: 'kube-root-ca.crt' } },
            { secret: { name: 'tls' } },
            { serviceAccountToken: { path: 'token', audience: 'vault' } },
          ],
        },
      },
    ];
    const withVolumes: V1Pod = { ...pod, spec: { containers: [], volumes } };
    expect(referencedVolumeSources(withVolumes)).toEqual({
      configMaps: new Set(['settings', 'kube-root-ca.crt']),
      secrets: new Set(['creds', 'tls']),
    });
    expect(volumeTokenSpecs(withVolumes, volumes[2] as V1Volume)).toEqual([
      { serviceAccount: 'default', audience: 'vault', expirationSeconds: 3600 },
    ]);
  });
});
