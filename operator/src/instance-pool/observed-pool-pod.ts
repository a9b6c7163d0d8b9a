import { timeMs } from '@brickyard/common/kube';
import { Labels } from '@brickyard/common/vocabulary';
import type { V1Pod } from '@kubernetes/client-node';
import type { PoolPod } from './pool-plan.js';

/** Finished pods serve no cluster: the pool replaces idle ones, a cluster its own. */
function finished(pod: V1Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Failed' || phase === 'Succeeded';
}

/**
 * What the pool sees of one of its pods. An idle pod is ready once warm (its startup probe
 * passed: the container has `started`); a used one once Ready for its cluster.
 */
export function observePoolPod(pod: V1Pod): PoolPod {
  const metadata = pod.metadata ?? {};
  const clusterId = metadata.labels?.[Labels.clusterId];
  const ready =
    clusterId === undefined
      ? (pod.status?.containerStatuses ?? []).some((container) => container.started === true)
      : (pod.status?.conditions ?? []).some(
          (condition) => condition.type === 'Ready' && condition.status === 'True',
        );
  return {
    name: metadata.name ?? '',
    uid: metadata.uid ?? '',
    resourceVersion: metadata.resourceVersion ?? '',
    clusterId,
    ready: ready && !finished(pod),
    deleting:
      (metadata.deletionTimestamp !== undefined && metadata.deletionTimestamp !== null) || finished(pod),
    idleSinceMs: timeMs(metadata.creationTimestamp) ?? 0,
  };
}
