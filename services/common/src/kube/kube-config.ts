import { KubeConfig } from '@kubernetes/client-node';

/** A KubeConfig from an explicit file, or from the default chain (KUBECONFIG, in-cluster). */
export function loadKubeConfig(file?: string): KubeConfig {
  const config = new KubeConfig();
  if (file) config.loadFromFile(file);
  else config.loadFromDefault();
  return config;
}

/** The same cluster as `base`, authenticated with a bearer token instead of base's user. */
export function kubeConfigWithToken(base: KubeConfig, token: string, user = 'token-user'): KubeConfig {
  const cluster = base.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig has no current cluster');
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [cluster],
    users: [{ name: user, token }],
    contexts: [{ name: user, cluster: cluster.name, user }],
    currentContext: user,
  });
  return config;
}
