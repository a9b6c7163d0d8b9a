import type { ClusterResource } from '@brickyard/common/crd';
import { restartGenerationOf } from './cluster-type.js';
import type { ClusterDecision } from './lifecycle.js';
import { driverSlot, type PodSlot, workerSlot } from './naming.js';
import type { ObservedPod } from './observed-pod.js';

/** Why a pod is deleted; `failed` pods are replaced, the others are not wanted any more. */
export type DeletionReason = 'terminating' | 'restarting' | 'scaled-down' | 'failed' | 'unexpected';

export interface PodPlan {
  /** Slots that have no pod at all (a pod still being deleted holds its name). */
  create: PodSlot[];
  delete: { pod: ObservedPod; reason: DeletionReason }[];
  /** Whether the driver's Service should exist. */
  service: 'ensure' | 'delete';
  /** Adopted pool pods not serving yet: their slot is sent again (pool-assignment.ts). */
  resend: ObservedPod[];
}

/** The slots of a cluster that is up: the driver, then workers 0 .. target-1. */
export function desiredSlots(clusterId: string, targetWorkers: number): PodSlot[] {
  return [
    driverSlot(clusterId),
    ...Array.from({ length: targetWorkers }, (_, i) => workerSlot(clusterId, i)),
  ];
}

/**
 * The pod changes that move the cluster towards the decision: what to create and delete, never
 * the same name twice. A pod being deleted is left to finish; its slot is refilled once it is gone.
 */
export function planPods(
  cluster: ClusterResource,
  decision: ClusterDecision,
  pods: readonly ObservedPod[],
): PodPlan {
  const clusterId = cluster.metadata.name ?? '';
  const present = pods.filter((pod) => !pod.deleting);
  const { mode } = decision;
  if (mode.kind === 'off' || mode.kind === 'invalid') {
    return {
      create: [],
      delete: present.map((pod) => ({ pod, reason: 'terminating' })),
      service: 'delete',
      resend: [],
    };
  }
  const generation = restartGenerationOf(cluster);
  if (mode.kind === 'restarting') {
    const stale = present.filter((pod) => pod.restartGeneration !== generation);
    return {
      create: [],
      delete: stale.map((pod) => ({ pod, reason: 'restarting' })),
      service: 'ensure',
      resend: [],
    };
  }
  const slots = desiredSlots(clusterId, decision.targetWorkers);
  const wanted = new Set(slots.map((slot) => slot.name));
  const deletions: PodPlan['delete'] = [];
  for (const pod of present) {
    if (!pod.slot) deletions.push({ pod, reason: 'unexpected' });
    else if (!wanted.has(pod.slot.name)) deletions.push({ pod, reason: 'scaled-down' });
    else if (pod.phase === 'Failed' || pod.phase === 'Succeeded') deletions.push({ pod, reason: 'failed' });
  }
  // A pod adopted from an instance pool fills its slot under the pool's name for it.
  const named = new Set(pods.map((pod) => pod.slot?.name ?? pod.name));
  const deleted = new Set(deletions.map(({ pod }) => pod.name));
  return {
    create: slots.filter((slot) => !named.has(slot.name)),
    delete: deletions,
    service: 'ensure',
    resend: present.filter((pod) => pod.fromPool && !pod.ready && !deleted.has(pod.name)),
  };
}
