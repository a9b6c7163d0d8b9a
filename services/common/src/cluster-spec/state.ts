import type { ClusterResource } from '../crd/resource-kinds.js';
import type { ClusterState } from './schema.js';

/**
 * Reading a cluster's state. The operator is its only writer: when it observes a change of the
 * spec (a start, restart, resize, edit or termination) it publishes the Databricks state of the
 * transition (PENDING, RESTARTING, RESIZING, TERMINATING) together with status.observedGeneration.
 * Readers report what status says and never predict it.
 */

/**
 * The state a client sees: the one in status. A Cluster the operator has not reported on yet is
 * PENDING, the state Databricks gives a cluster right after clusters/create.
 */
export function reportedState(cluster: Pick<ClusterResource, 'status'>): ClusterState {
  return cluster.status?.state ?? 'PENDING';
}

/** Whether status describes the spec as it is now: the operator has observed its generation. */
export function isSpecObserved(cluster: Pick<ClusterResource, 'metadata' | 'status'>): boolean {
  const observed = cluster.status?.observedGeneration;
  return observed !== undefined && observed >= (cluster.metadata.generation ?? 0);
}

/** Whether the operator has observed at least this generation of the spec (a write's answer). */
export function hasObservedGeneration(
  cluster: Pick<ClusterResource, 'status'>,
  generation: number | undefined,
): boolean {
  const observed = cluster.status?.observedGeneration;
  return observed !== undefined && observed >= (generation ?? 0);
}

/** States in which the cluster serves work. */
export function isUpState(state: ClusterState | undefined): boolean {
  return state === 'RUNNING' || state === 'RESIZING';
}

/** States in which the cluster is going or gone. */
export function isOffState(state: ClusterState | undefined): boolean {
  return state === 'TERMINATING' || state === 'TERMINATED';
}

/**
 * Whether a cluster stays off until someone starts it: asked to terminate, or reported off (by a
 * termination for inactivity, say) for the spec as it is now.
 */
export function isStopped(cluster: ClusterResource): boolean {
  if (cluster.spec.desiredState === 'TERMINATED') return true;
  return isSpecObserved(cluster) && isOffState(cluster.status?.state);
}
