/**
 * Databricks' driver proxy: `/driver-proxy/o/<workspace id>/<cluster id>/<port>/...` reaches a web
 * server on the cluster's driver, such as the Spark UI (4040) or the standalone master's (8080).
 */
export function proxyBase(workspaceId: number | string, clusterId: string, port: number | string): string {
  return `/driver-proxy/o/${workspaceId}/${clusterId}/${port}`;
}

/**
 * A redirect of the driver's server as the browser must follow it: its own origin dropped (Jetty
 * makes locations absolute with the address it was reached at), under the proxy's base unless the
 * server already put it there (Spark's UI does, told by X-Forwarded-Context). Other locations stay.
 */
export function rewriteLocation(location: string, upstreamOrigin: string, base: string): string {
  let path = location;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    const url = new URL(location);
    if (url.origin !== new URL(upstreamOrigin).origin) return location;
    path = `${url.pathname}${url.search}${url.hash}`;
  }
  if (!path.startsWith('/')) return location;
  return path === base || path.startsWith(`${base}/`) ? path : `${base}${path}`;
}
