import { createHash } from 'node:crypto';
import {
  Labels,
  RUNTIME_API_AUDIENCE,
  RUNTIME_SERVICE_ACCOUNT,
  workspaceNamespace,
} from '@brickyard/common/vocabulary';
import { AuthenticationV1Api, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { temporarilyUnavailable } from '../errors/databricks-error.js';

/** Who a runtime pod's token says it is: a pod of a cluster in a workspace. */
export interface RuntimeIdentity {
  workspaceId: number;
  clusterId: string;
  podName: string;
}

/** The service account runtime pods run as, in the namespace of their workspace. */
const RUNTIME_USER = new RegExp(`^system:serviceaccount:brickyard-ws-(\\d+):${RUNTIME_SERVICE_ACCOUNT}$`);
/** The pod a bound token belongs to, as the apiserver reports it. */
const POD_NAME_CLAIM = 'authentication.kubernetes.io/pod-name';
/** Cluster pods are `<cluster id>-driver` and `<cluster id>-worker-<n>` (operator/src/cluster/naming.ts). */
const CLUSTER_POD = /^(.+)-(?:driver|worker-\d+)$/;
const POD_UID_CLAIM = 'authentication.kubernetes.io/pod-uid';
/** Pods of an instance pool are `<pool id>-<suffix>` (pool ids hold `-pool-`): a cluster adopts them. */
const POOL_POD = /-pool-[a-z0-9]+-[a-z0-9]+$/;
/** A review is remembered this long: a deleted pod's token stops working within it. */
const REVIEW_TTL_MS = 60_000;
const MAX_REMEMBERED = 10_000;

/** A Kubernetes service account token: a JWT, whose header starts `{"` (base64 `eyJ`). */
export function looksLikeServiceAccountToken(token: string): boolean {
  return token.startsWith('eyJ') && token.split('.').length === 3;
}

/** The identity of a TokenReview's answer, if it is a runtime pod of a workspace. */
export function runtimeIdentityOf(
  username: string | undefined,
  extra: Record<string, string[]> | undefined,
): RuntimeIdentity | undefined {
  const workspace = username?.match(RUNTIME_USER)?.[1];
  const podName = extra?.[POD_NAME_CLAIM]?.[0];
  const clusterId = podName?.match(CLUSTER_POD)?.[1];
  if (!workspace || !podName || !clusterId) return undefined;
  return { workspaceId: Number(workspace), clusterId, podName };
}

/** A pool pod's token: which pod to read for the cluster that adopted it. */
export function poolPodOf(
  username: string | undefined,
  extra: Record<string, string[]> | undefined,
): { workspaceId: number; podName: string; podUid: string } | undefined {
  const workspace = username?.match(RUNTIME_USER)?.[1];
  const podName = extra?.[POD_NAME_CLAIM]?.[0];
  const podUid = extra?.[POD_UID_CLAIM]?.[0];
  if (!workspace || !podName || !podUid || !POOL_POD.test(podName)) return undefined;
  return { workspaceId: Number(workspace), podName, podUid };
}

/**
 * Authenticates the service account tokens of runtime pods (Spark's Unity Catalog calls) with
 * the apiserver's TokenReview, for the API's audience only. Answers, good and bad, are remembered
 * for a minute by the token's hash, so a busy driver costs one review a minute.
 */
export class RuntimeTokenReviewer {
  private readonly api: AuthenticationV1Api;
  private readonly core: CoreV1Api;
  private readonly reviews = new Map<string, { identity: RuntimeIdentity | undefined; until: number }>();

  constructor(
    kubeConfig: KubeConfig,
    private readonly log: Logger,
  ) {
    this.api = kubeConfig.makeApiClient(AuthenticationV1Api);
    this.core = kubeConfig.makeApiClient(CoreV1Api);
  }

  async review(token: string): Promise<RuntimeIdentity | undefined> {
    const key = createHash('sha256').update(token).digest('hex');
    const remembered = this.reviews.get(key);
    if (remembered && remembered.until > Date.now()) return remembered.identity;
    const identity = await this.ask(token);
    if (this.reviews.size >= MAX_REMEMBERED) this.reviews.clear();
    this.reviews.set(key, { identity, until: Date.now() + REVIEW_TTL_MS });
    return identity;
  }

  private async ask(token: string): Promise<RuntimeIdentity | undefined> {
    try {
      const review = await this.api.createTokenReview({
        body: {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'TokenReview',
          spec: { token, audiences: [RUNTIME_API_AUDIENCE] },
        },
      });
      const status = review.status;
      if (!status?.authenticated || !status.audiences?.includes(RUNTIME_API_AUDIENCE)) return undefined;
      const { username, extra } = status.user ?? {};
      return runtimeIdentityOf(username, extra) ?? (await this.adoptedPoolPod(poolPodOf(username, extra)));
    } catch (error) {
      // Not remembered: the apiserver may answer the caller's retry.
      this.log.warn({ err: error }, 'TokenReview of a runtime token failed');
      throw temporarilyUnavailable('Could not verify the runtime token; retry');
    }
  }

  /** A pool pod acts for the cluster that adopted it (its cluster-id label); an idle one for none. */
  private async adoptedPoolPod(pod: ReturnType<typeof poolPodOf>): Promise<RuntimeIdentity | undefined> {
    if (!pod) return undefined;
    const found = await this.core
      .readNamespacedPod({ namespace: workspaceNamespace(pod.workspaceId), name: pod.podName })
      .catch(() => undefined);
    const clusterId = found?.metadata?.labels?.[Labels.clusterId];
    if (found?.metadata?.uid !== pod.podUid || !clusterId) return undefined;
    return { workspaceId: pod.workspaceId, clusterId, podName: pod.podName };
  }
}
