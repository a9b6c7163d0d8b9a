/**
 * The variables a kubelet gives every container for the `kubernetes` Service, whatever
 * enableServiceLinks says, so in-cluster clients find the apiserver. There is no kube-proxy here
 * to route the Service's ClusterIP, so they name the apiserver the agent itself talks to.
 */
export function kubernetesServiceEnv(server: string): Record<string, string> {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return {};
  }
  // URL keeps IPv6 hosts in brackets; the variables carry the bare address.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) return {};
  const port = url.port || (url.protocol === 'http:' ? '80' : '443');
  const address = host.includes(':') ? `[${host}]` : host;
  const prefix = `KUBERNETES_PORT_${port}_TCP`;
  return {
    KUBERNETES_SERVICE_HOST: host,
    KUBERNETES_SERVICE_PORT: port,
    KUBERNETES_SERVICE_PORT_HTTPS: port,
    KUBERNETES_PORT: `tcp://${address}:${port}`,
    [prefix]: `tcp://${address}:${port}`,
    [`${prefix}_PROTO`]: 'tcp',
    [`${prefix}_PORT`]: port,
    [`${prefix}_ADDR`]: host,
  };
}
