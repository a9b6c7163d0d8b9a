import { describe, expect, it } from 'vitest';
import { looksLikeServiceAccountToken, poolPodOf, runtimeIdentityOf } from './runtime-tokens.js';

const POD = 'authentication.kubernetes.io/pod-name';

describe('runtimeIdentityOf', () => {
  it("names the workspace and cluster of a runtime pod's token", () => {
    expect(
      runtimeIdentityOf('system:serviceaccount:brickyard-ws-42:brickyard-runtime', {
        [POD]: ['1203-101010-abcdefgh-driver'],
      }),
    ).toEqual({ workspaceId: 42, clusterId: '1203-101010-abcdefgh', podName: '1203-101010-abcdefgh-driver' });
    expect(
      runtimeIdentityOf('system:serviceaccount:brickyard-ws-7:brickyard-runtime', { [POD]: ['c1-worker-3'] }),
    ).toMatchObject({ workspaceId: 7, clusterId: 'c1' });
  });

  it.each([
    ['another service account', 'system:serviceaccount:brickyard-ws-42:default', 'c1-driver'],
    ['a namespace that is no workspace', 'system:serviceaccount:kube-system:brickyard-runtime', 'c1-driver'],
    ['a user', 'admin', 'c1-driver'],
    ['a pod that is no cluster pod', 'system:serviceaccount:brickyard-ws-42:brickyard-runtime', 'other'],
  ])('refuses %s', (_case, username, pod) => {
    expect(runtimeIdentityOf(username, { [POD]: [pod] })).toBeUndefined();
  });

  it('refuses a token bound to no pod', () => {
    expect(runtimeIdentityOf('system:serviceaccount:brickyard-ws-42:brickyard-runtime', {})).toBeUndefined();
  });
});

describe('looksLikeServiceAccountToken', () => {
  it('tells JWTs from personal access tokens', () => {
    expect(looksLikeServiceAccountToken('eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOlsiYSJdfQ.c2ln')).toBe(true);
    expect(looksLikeServiceAccountToken('dapi0123456789abcdef')).toBe(false);
    expect(looksLikeServiceAccountToken('eyJonly.two')).toBe(false);
  });
});

describe('poolPodOf', () => {
  const user = 'system:serviceaccount:brickyard-ws-42:brickyard-runtime';
  const claims = (pod: string) => ({
    'authentication.kubernetes.io/pod-name': [pod],
    'authentication.kubernetes.io/pod-uid': ['uid-1'],
  });

  it('names the pod of a pool whose cluster is to be read', () => {
    expect(poolPodOf(user, claims('1205-032800-pool-ab12cd34-x9k2m'))).toEqual({
      workspaceId: 42,
      podName: '1205-032800-pool-ab12cd34-x9k2m',
      podUid: 'uid-1',
    });
  });

  it('ignores cluster pods and tokens without a pod uid', () => {
    expect(poolPodOf(user, claims('c1-driver'))).toBeUndefined();
    expect(
      poolPodOf(user, { 'authentication.kubernetes.io/pod-name': ['1205-032800-pool-ab12cd34-x9k2m'] }),
    ).toBeUndefined();
  });
});
