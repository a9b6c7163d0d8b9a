import { orUndefined } from '@brickyard/common/kube';
import type { CoreV1Api } from '@kubernetes/client-node';
import type { EnvSources } from './env-resolution.js';

/**
 * Reads the Secrets (decoding their base64 data) and ConfigMaps a container refers to, fresh for
 * each start as a kubelet does. One that does not exist maps to undefined; other errors throw.
 */
export async function fetchEnvSources(
  core: CoreV1Api,
  namespace: string,
  names: { secrets: Iterable<string>; configMaps: Iterable<string> },
): Promise<EnvSources> {
  const secrets = new Map<string, Record<string, string> | undefined>();
  const configMaps = new Map<string, Record<string, string> | undefined>();
  await Promise.all([
    ...[...names.secrets].map(async (name) => {
      const secret = await orUndefined(core.readNamespacedSecret({ name, namespace }));
      secrets.set(
        name,
        secret &&
          Object.fromEntries(
            Object.entries(secret.data ?? {}).map(([key, value]) => [
              key,
              Buffer.from(value, 'base64').toString('utf8'),
            ]),
          ),
      );
    }),
    ...[...names.configMaps].map(async (name) => {
      const configMap = await orUndefined(core.readNamespacedConfigMap({ name, namespace }));
      configMaps.set(name, configMap && { ...(configMap.data ?? {}) });
    }),
  ]);
  return { secrets, configMaps };
}
