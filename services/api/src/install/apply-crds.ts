import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { workspaceNamespacePolicy } from '@brickyard/common/crd';
import {
  ApiextensionsV1Api,
  type KubeConfig,
  KubernetesObjectApi,
  loadYaml,
  PatchStrategy,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';

const FIELD_MANAGER = 'brickyard-install';

function isEstablished(crd: V1CustomResourceDefinition): boolean {
  return crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ?? false;
}

/**
 * Server-side applies the admission policy that keeps Clusters and Jobs inside workspace
 * namespaces. It is applied after the CRDs it matches.
 */
export async function applyAdmissionPolicy(kubeConfig: KubeConfig): Promise<void> {
  const objects = kubeConfig.makeApiClient(KubernetesObjectApi);
  for (const object of workspaceNamespacePolicy()) {
    await objects.patch(object, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
  }
}

/** Server-side applies every CRD in `dir` and waits until the apiserver serves them. */
export async function applyCrds(kubeConfig: KubeConfig, dir: string, timeoutMs = 30_000): Promise<string[]> {
  const objects = kubeConfig.makeApiClient(KubernetesObjectApi);
  const extensions = kubeConfig.makeApiClient(ApiextensionsV1Api);
  const files = (await readdir(dir)).filter((file) => file.endsWith('.yaml')).sort();
  const names: string[] = [];
  for (const file of files) {
    // loadYaml maps wire names (x-kubernetes-validations) to client-node's model fields; a plain
    // YAML parse would have the serializer drop them.
    const crd = loadYaml<V1CustomResourceDefinition>(await readFile(join(dir, file), 'utf8'));
    await objects.patch(crd, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
    names.push(crd.metadata?.name as string);
  }
  const deadline = Date.now() + timeoutMs;
  for (const name of names) {
    while (!isEstablished(await extensions.readCustomResourceDefinition({ name }))) {
      if (Date.now() > deadline) throw new Error(`CRD ${name} was not established within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return names;
}
