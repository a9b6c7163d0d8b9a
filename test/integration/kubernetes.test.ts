import { randomUUID } from 'node:crypto';
import { kubeConfigWithToken, loadKubeConfig } from '@brickyard/common/kube';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import {
  ApiException,
  ApiextensionsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  type KubernetesObject,
  Watch,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const env = readPlatformEnv();
const kubeConfig = loadKubeConfig(env.kubeconfig);
const suffix = randomUUID().slice(0, 8);
const group = 'probe.brickyard.dev';
const plural = `gadgets${suffix}`;
const crdName = `${plural}.${group}`;
const namespace = `it-kube-${suffix}`;

async function waitForEstablished(name: string): Promise<void> {
  const api = kubeConfig.makeApiClient(ApiextensionsV1Api);
  for (let attempt = 0; attempt < 100; attempt++) {
    const crd = await api.readCustomResourceDefinition({ name });
    if (crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`CRD ${name} never became Established`);
}

/**
 * Opens a watch once the apiserver serves it: right after a CRD is established its watch cache
 * may still be initialising and answer 429, which clients retry. watch() resolves once the
 * apiserver has answered, so nothing created afterwards can be missed.
 */
async function openWatch(
  path: string,
  onEvent: (phase: string, object: KubernetesObject) => void,
): Promise<AbortController> {
  for (let attempt = 0; attempt < 50; attempt++) {
    let failure: unknown;
    const controller = await new Watch(kubeConfig).watch(path, {}, onEvent, (error) => {
      failure ??= error;
    });
    if (!failure) return controller;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`could not watch ${path}`);
}

describe('the local Kubernetes control plane', () => {
  beforeAll(async () => {
    await kubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
    await kubeConfig.makeApiClient(ApiextensionsV1Api).createCustomResourceDefinition({
      body: {
        metadata: { name: crdName },
        spec: {
          group,
          scope: 'Namespaced',
          names: { plural, singular: `gadget${suffix}`, kind: `Gadget${suffix}` },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  properties: {
                    spec: { type: 'object', properties: { size: { type: 'integer', minimum: 1 } } },
                  },
                },
              },
            },
          ],
        },
      },
    });
    await waitForEstablished(crdName);
  });

  afterAll(async () => {
    await kubeConfig.makeApiClient(ApiextensionsV1Api).deleteCustomResourceDefinition({ name: crdName });
    await kubeConfig.makeApiClient(CoreV1Api).deleteNamespace({ name: namespace });
  });

  it('delivers a custom resource created through client-node to a watch', async () => {
    let resolveAdded: (object: KubernetesObject) => void = () => {};
    const added = new Promise<KubernetesObject>((resolve) => {
      resolveAdded = resolve;
    });
    const watching = await openWatch(
      `/apis/${group}/v1/namespaces/${namespace}/${plural}`,
      (phase, object) => {
        if (phase === 'ADDED') resolveAdded(object);
      },
    );

    await kubeConfig.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group,
      version: 'v1',
      namespace,
      plural,
      body: {
        apiVersion: `${group}/v1`,
        kind: `Gadget${suffix}`,
        metadata: { name: 'first' },
        spec: { size: 3 },
      },
    });

    const object = (await added) as KubernetesObject & { spec: { size: number } };
    watching.abort();
    expect(object.metadata?.name).toBe('first');
    expect(object.spec.size).toBe(3);
  });

  it('rejects a custom resource that breaks the structural schema', async () => {
    const create = kubeConfig.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group,
      version: 'v1',
      namespace,
      plural,
      body: {
        apiVersion: `${group}/v1`,
        kind: `Gadget${suffix}`,
        metadata: { name: 'bad' },
        spec: { size: 0 },
      },
    });
    await expect(create).rejects.toMatchObject({ code: 422 });
  });

  it('denies, through RBAC, a service account token that holds no rights', async () => {
    const core = kubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'nobody' } } });
    const tokenRequest = await core.createNamespacedServiceAccountToken({
      name: 'nobody',
      namespace,
      body: { spec: { audiences: [], expirationSeconds: 600 } },
    });
    const token = tokenRequest.status?.token;
    expect(token).toBeTruthy();

    const asNobody = kubeConfigWithToken(kubeConfig, token as string).makeApiClient(CoreV1Api);
    const error = await asNobody.listNamespacedPod({ namespace }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException<string>).code).toBe(403);
    expect((error as ApiException<string>).body).toContain(`system:serviceaccount:${namespace}:nobody`);
  });
});
