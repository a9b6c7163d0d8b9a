import { ClusterKind, type ClusterResource } from '@brickyard/common/crd';
import type { CustomResourceType } from '@brickyard/common/kube';
import { GROUP, VERSION } from '@brickyard/common/vocabulary';

/** Where Clusters are served: the arguments CustomObjectsApi needs, and the watch path. */
export const ClusterType: CustomResourceType = {
  group: GROUP,
  version: VERSION,
  plural: ClusterKind.plural,
};

/** Clusters of every namespace. */
export const CLUSTERS_PATH = `/apis/${GROUP}/${VERSION}/${ClusterKind.plural}`;

export type ClusterSpec = ClusterResource['spec'];
export type ClusterStatus = NonNullable<ClusterResource['status']>;
export type ClusterState = NonNullable<ClusterStatus['state']>;
export type TerminationReason = NonNullable<ClusterStatus['terminationReason']>;
export type ClusterEvent = NonNullable<ClusterStatus['events']>[number];
export type SparkNode = NonNullable<ClusterStatus['driver']>;

/** States in which the cluster serves work. */
export function isUp(state: ClusterState | undefined): boolean {
  return state === 'RUNNING' || state === 'RESIZING';
}

/** States in which the cluster is going or gone. */
export function isOff(state: ClusterState | undefined): boolean {
  return state === 'TERMINATING' || state === 'TERMINATED';
}

export function restartGenerationOf(cluster: ClusterResource): number {
  return cluster.spec.restartGeneration ?? 0;
}
