import type { CoreV1Api, V1Pod } from '@kubernetes/client-node';
import { type TokenRequestSpec, tokenKey } from './volume-files.js';

interface CachedToken {
  token: string;
  refreshAtMs: number;
}

/** The kubelet renews a token once it is this old, whatever its lifetime. */
const MAX_AGE_MS = 24 * 3600_000;

/**
 * When a token issued at issuedAtMs and valid until expiresAtMs is renewed, as the kubelet does:
 * at 80% of its lifetime, or after 24 hours if that comes first.
 */
export function tokenRefreshAtMs(issuedAtMs: number, expiresAtMs: number): number {
  const lifetime = Math.max(0, expiresAtMs - issuedAtMs);
  return issuedAtMs + Math.min(MAX_AGE_MS, Math.floor(lifetime * 0.8));
}

/**
 * The bound service account tokens of one pod, from the TokenRequest API (bound to the pod, so
 * the apiserver stops accepting them once it is gone), requested again when due for renewal.
 */
export class ServiceAccountTokens {
  private readonly cache = new Map<string, CachedToken>();

  constructor(
    private readonly core: CoreV1Api,
    private readonly clock: () => number,
  ) {}

  /** A valid token for each spec; throws if the apiserver refuses one. */
  async tokens(pod: V1Pod, specs: readonly TokenRequestSpec[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    for (const spec of specs) {
      const key = tokenKey(spec);
      let cached = this.cache.get(key);
      if (!cached || this.clock() >= cached.refreshAtMs) {
        cached = await this.request(pod, spec);
        this.cache.set(key, cached);
      }
      result.set(key, cached.token);
    }
    return result;
  }

  /** The earliest renewal due, if the pod has tokens. */
  get nextRefreshMs(): number | undefined {
    const times = [...this.cache.values()].map((cached) => cached.refreshAtMs);
    return times.length ? Math.min(...times) : undefined;
  }

  private async request(pod: V1Pod, spec: TokenRequestSpec): Promise<CachedToken> {
    const issuedAtMs = this.clock();
    const response = await this.core.createNamespacedServiceAccountToken({
      name: spec.serviceAccount,
      namespace: pod.metadata?.namespace ?? '',
      body: {
        spec: {
          // No audience: the apiserver's own (--api-audiences, by default its issuer).
          audiences: spec.audience ? [spec.audience] : [],
          expirationSeconds: spec.expirationSeconds,
          boundObjectRef: {
            apiVersion: 'v1',
            kind: 'Pod',
            name: pod.metadata?.name ?? '',
            uid: pod.metadata?.uid ?? '',
          },
        },
      },
    });
    const token = response.status?.token;
    if (!token)
      throw new Error(`the TokenRequest for service account "${spec.serviceAccount}" returned no token`);
    const expiresAt = response.status?.expirationTimestamp;
    const expiresAtMs = expiresAt
      ? new Date(expiresAt).getTime()
      : issuedAtMs + spec.expirationSeconds * 1000;
    return { token, refreshAtMs: tokenRefreshAtMs(issuedAtMs, expiresAtMs) };
  }
}
