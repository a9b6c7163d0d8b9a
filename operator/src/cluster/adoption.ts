import type { ClusterResource } from '@brickyard/common/crd';
import type { PoolAssignment } from '@brickyard/common/pool-assignment';
import { ClusterRoles, PoolAnnotations } from '@brickyard/common/vocabulary';
import { type PoolPod, podsToAdopt } from '../instance-pool/pool-plan.js';
import { clusterOwnerReference, poolOfSlot, slotAnnotations, slotEnv, slotLabels } from './desired.js';
import type { PodSlot } from './naming.js';

/**
 * How a cluster on instance pools fills its slots: with idle pods of its pools first (adopted:
 * relabelled, re-owned, sent the env of their slot), cold pods for the rest.
 */

export interface Adoption {
  slot: PodSlot;
  pod: PoolPod;
}

/** Which slots take which idle pods (each pod once), and which slots get cold pods. */
export function planAdoptions(
  cluster: ClusterResource,
  slots: readonly PodSlot[],
  idlePodsOf: (poolId: string) => readonly PoolPod[],
): { adopt: Adoption[]; create: PodSlot[] } {
  const adopt: Adoption[] = [];
  const create: PodSlot[] = [];
  const taken = new Set<string>();
  // The driver first: its warm Spark is what a pool saves most of a start.
  const ordered = [...slots].sort(
    (a, b) => Number(b.role === ClusterRoles.driver) - Number(a.role === ClusterRoles.driver),
  );
  for (const slot of ordered) {
    const poolId = poolOfSlot(cluster, slot);
    const free = poolId === undefined ? [] : idlePodsOf(poolId).filter((pod) => !taken.has(pod.name));
    const [pod] = podsToAdopt(free, 1);
    if (pod) {
      taken.add(pod.name);
      adopt.push({ slot, pod });
    } else create.push(slot);
  }
  return { adopt, create };
}

/** The pod's slot as its annotation names it: `driver`, `worker-<n>`. */
function slotSuffix(cluster: ClusterResource, slot: PodSlot): string {
  return slot.name.slice((cluster.metadata.name ?? '').length + 1);
}

/**
 * The JSON merge patch that makes a pool pod the cluster's pod of a slot: the cluster's labels
 * (its Service selects the driver by them), the slot and restart generation, and the cluster as
 * its only owner. Conditional on the version the plan saw: two clusters never adopt one pod.
 */
export function adoptionPatch(cluster: ClusterResource, adoption: Adoption, workspaceId: number): object {
  const { slot, pod } = adoption;
  return {
    metadata: {
      resourceVersion: pod.resourceVersion,
      labels: slotLabels(cluster, slot, workspaceId),
      annotations: { ...slotAnnotations(cluster, slot), [PoolAnnotations.slot]: slotSuffix(cluster, slot) },
      ownerReferences: [clusterOwnerReference(cluster)],
    },
  };
}

/** What the adopted pod's runtime is sent: the variables a cold pod of its slot has. */
export function assignmentOf(cluster: ClusterResource, slot: PodSlot, workspaceId: number): PoolAssignment {
  const env: Record<string, string> = {};
  for (const variable of slotEnv(cluster, slot, workspaceId)) {
    if (variable.value !== undefined) env[variable.name] = variable.value;
  }
  return { env };
}
