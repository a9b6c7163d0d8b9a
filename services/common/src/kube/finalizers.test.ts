import type { CustomObjectsApi, KubernetesObject } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { Finalizer } from './finalizers.js';

const type = { group: 'brickyard.dev', version: 'v1alpha1', plural: 'clusters' };

/** A CustomObjectsApi that records the patches and answers with the patched object. */
function fakeApi(calls: { scope: string; request: Record<string, unknown> }[]): CustomObjectsApi {
  const answer = (scope: string) => async (request: Record<string, unknown>) => {
    calls.push({ scope, request });
    const { metadata } = request.body as { metadata: Record<string, unknown> };
    return { metadata: { name: request.name, namespace: request.namespace, ...metadata } };
  };
  return {
    patchNamespacedCustomObject: answer('namespaced'),
    patchClusterCustomObject: answer('cluster'),
  } as unknown as CustomObjectsApi;
}

const object = (finalizers?: string[], namespace?: string): KubernetesObject => ({
  metadata: {
    name: 'c1',
    resourceVersion: '7',
    ...(namespace ? { namespace } : {}),
    ...(finalizers ? { finalizers } : {}),
  },
});

describe('Finalizer', () => {
  it('adds itself after the others, guarded by the resourceVersion read', async () => {
    const calls: { scope: string; request: Record<string, unknown> }[] = [];
    const finalizer = new Finalizer(fakeApi(calls), type, 'brickyard.dev/cluster');
    const patched = await finalizer.add(object(['other'], 'ws-1'));
    expect(calls).toEqual([
      {
        scope: 'namespaced',
        request: {
          ...type,
          namespace: 'ws-1',
          name: 'c1',
          body: { metadata: { finalizers: ['other', 'brickyard.dev/cluster'], resourceVersion: '7' } },
        },
      },
    ]);
    expect(patched && finalizer.isOn(patched)).toBe(true);
  });

  it('removes only itself, from a cluster-scoped object', async () => {
    const calls: { scope: string; request: Record<string, unknown> }[] = [];
    const finalizer = new Finalizer(fakeApi(calls), type, 'mine');
    await finalizer.remove(object(['other', 'mine']));
    expect(calls.map((call) => [call.scope, call.request.body])).toEqual([
      ['cluster', { metadata: { finalizers: ['other'], resourceVersion: '7' } }],
    ]);
  });

  it('writes nothing when there is nothing to change', async () => {
    const calls: { scope: string; request: Record<string, unknown> }[] = [];
    const finalizer = new Finalizer(fakeApi(calls), type, 'mine');
    expect(await finalizer.add(object(['mine']))).toBeUndefined();
    expect(await finalizer.remove(object())).toBeUndefined();
    expect(calls).toEqual([]);
  });
});
