import { describe, expect, it } from 'vitest';
import {
  desiredNamespace,
  desiredResourceQuota,
  desiredRole,
  desiredRoleBinding,
  desiredRuntimeSecret,
  mebibytes,
} from './desired.js';
import { testWorkspace } from './test-workspace.js';

describe('mebibytes', () => {
  it.each([
    ['keeps an amount that is not a whole number of GiB in Mi', 1536, '1536Mi'],
    ['writes whole GiB as Gi, as the apiserver stores them', 2048, '2Gi'],
    ['goes up to Ti when that is whole too', 1024 * 1024, '1Ti'],
    ['writes zero without a suffix', 0, '0'],
    ['keeps a small amount in Mi', 512, '512Mi'],
  ])('%s', (_name, amount, quantity) => {
    expect(mebibytes(amount)).toBe(quantity);
  });
});

describe('desiredResourceQuota', () => {
  it.each([
    [
      'maps the pod limits the spec gives (max_clusters is the API check at create)',
      { maxClusters: 5, maxCores: 16, maxMemoryMb: 65536 },
      { 'requests.cpu': '16', 'requests.memory': '64Gi' },
    ],
    ['maps only the limits the spec gives', { maxCores: 4 }, { 'requests.cpu': '4' }],
    ['keeps a limit of zero, which forbids', { maxCores: 0 }, { 'requests.cpu': '0' }],
  ])('%s', (_name, limits, hard) => {
    const quota = desiredResourceQuota(testWorkspace({ spec: { limits } }));
    expect(quota?.spec?.hard).toEqual(hard);
    expect(quota?.metadata?.namespace).toBe('brickyard-ws-1234');
  });

  it.each([
    ['has no quota for a spec without limits', undefined],
    ['has no quota for empty limits', {}],
    ['has no quota for a cluster count alone', { maxClusters: 3 }],
  ])('%s', (_name, limits) => {
    expect(desiredResourceQuota(testWorkspace({ spec: limits ? { limits } : {} }))).toBeUndefined();
  });
});

describe('the desired namespace and runtime access', () => {
  const workspace = testWorkspace({});

  it('names the namespace after the workspace id, labels it, and makes the Workspace its controller', () => {
    expect(desiredNamespace(workspace).metadata).toEqual({
      name: 'brickyard-ws-1234',
      labels: { 'app.kubernetes.io/managed-by': 'brickyard', 'brickyard.dev/workspace-id': '1234' },
      ownerReferences: [
        {
          apiVersion: 'brickyard.dev/v1alpha1',
          kind: 'Workspace',
          name: 'ws-1234',
          uid: 'uid-1',
          controller: true,
        },
      ],
    });
  });

  it('lets runtime pods read pods and config maps of their namespace, and nothing else', () => {
    expect(desiredRole(workspace).rules).toEqual([
      { apiGroups: [''], resources: ['pods', 'configmaps'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(desiredRoleBinding(workspace)).toMatchObject({
      metadata: { name: 'brickyard-runtime', namespace: 'brickyard-ws-1234' },
      subjects: [{ kind: 'ServiceAccount', name: 'brickyard-runtime', namespace: 'brickyard-ws-1234' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'brickyard-runtime' },
    });
  });
});

describe('desiredRuntimeSecret', () => {
  it("holds the runtime's connection settings, base64 as stored, in the workspace namespace", () => {
    const secret = desiredRuntimeSecret(testWorkspace({}), {
      REDIS_URL: 'redis://127.0.0.1:16379',
      BRICKYARD_BUCKET: 'brickyard',
    });
    expect(secret.metadata).toMatchObject({ name: 'brickyard-runtime', namespace: 'brickyard-ws-1234' });
    expect(secret.type).toBe('Opaque');
    expect(secret.data).toEqual({
      REDIS_URL: Buffer.from('redis://127.0.0.1:16379').toString('base64'),
      BRICKYARD_BUCKET: Buffer.from('brickyard').toString('base64'),
    });
  });
});
