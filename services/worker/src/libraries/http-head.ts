import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { getCACertificates } from 'node:tls';

/**
 * The certificate authorities an HTTPS check trusts: Node's own and the system's, which pip, curl
 * and the JVM in the pod trust too (a network that re-signs TLS puts its authority there).
 */
function trustedAuthorities(): string[] {
  return [...getCACertificates('default'), ...getCACertificates('system')];
}

/** The status of a HEAD request to `url`; rejects when the server cannot be reached. */
export function headStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const options = { method: 'HEAD', timeout: timeoutMs };
    const request = url.startsWith('https:')
      ? httpsRequest(url, { ...options, ca: trustedAuthorities() })
      : httpRequest(url, options);
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end();
  });
}
