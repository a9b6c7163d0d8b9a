import { readFileSync } from 'node:fs';
import { orUndefined } from '@brickyard/common/kube';
import type { CoreV1Api, KubeConfig } from '@kubernetes/client-node';

/** The ConfigMap every namespace gets from the controller-manager's root CA publisher. */
export const ROOT_CA_CONFIG_MAP = 'kube-root-ca.crt';

type ByteMaps = Map<string, Record<string, Buffer> | undefined>;

/**
 * Reads the ConfigMaps (data and binaryData) and Secrets of a pod's volumes as bytes, fresh on
 * each call. One that does not exist maps to undefined, except kube-root-ca.crt, which the
 * controller-manager publishes only a moment after a namespace appears (or never, without
 * --root-ca-file): it falls back to the CA the agent itself trusts.
 */
export async function fetchVolumeData(
  core: CoreV1Api,
  namespace: string,
  names: { configMaps: Iterable<string>; secrets: Iterable<string> },
  rootCa: Buffer | undefined,
): Promise<{ configMaps: ByteMaps; secrets: ByteMaps }> {
  const configMaps: ByteMaps = new Map();
  const secrets: ByteMaps = new Map();
  await Promise.all([
    ...[...names.configMaps].map(async (name) => {
      const configMap = await orUndefined(core.readNamespacedConfigMap({ name, namespace }));
      if (!configMap) {
        configMaps.set(name, name === ROOT_CA_CONFIG_MAP && rootCa ? { 'ca.crt': rootCa } : undefined);
        return;
      }
      const data: Record<string, Buffer> = {};
      for (const [key, value] of Object.entries(configMap.data ?? {})) data[key] = Buffer.from(value);
      for (const [key, value] of Object.entries(configMap.binaryData ?? {}))
        data[key] = Buffer.from(value, 'base64');
      configMaps.set(name, data);
    }),
    ...[...names.secrets].map(async (name) => {
      const secret = await orUndefined(core.readNamespacedSecret({ name, namespace }));
      secrets.set(
        name,
        secret &&
          Object.fromEntries(
            Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
          ),
      );
    }),
  ]);
  return { configMaps, secrets };
}

/** The CA of the agent's own kubeconfig cluster, if it names one. */
export function kubeConfigCa(kubeConfig: KubeConfig): Buffer | undefined {
  const cluster = kubeConfig.getCurrentCluster();
  if (cluster?.caData) return Buffer.from(cluster.caData, 'base64');
  if (cluster?.caFile) return readFileSync(cluster.caFile);
  return undefined;
}
