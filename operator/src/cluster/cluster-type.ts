import { ClusterKind, type ClusterResource } from '@brickyard/common/crd';
import type { CustomResourceType } from '@brickyard/common/kube';
import { GROUP, VERSION } from '@brickyard/common/vocabulary';

/** Where Clusters are served: the arguments CustomObjectsApi and customResourceInformer need. */
export const ClusterType: CustomResourceType = {
  group: GROUP,
  version: VERSION,
  plural: ClusterKind.plural,
};

export type ClusterStatus = NonNullable<ClusterResource['status']>;
export type ClusterState = NonNullable<ClusterStatus['state']>;
export type TerminationReason = NonNullable<ClusterStatus['terminationReason']>;
export type ClusterEvent = NonNullable<ClusterStatus['events']>[number];
export type SparkNode = NonNullable<ClusterStatus['driver']>;

/** States in which the cluster serves work, and in which it is going or gone (cluster-spec's). */
export { isOffState as isOff, isUpState as isUp } from '@brickyard/common/cluster-spec';

export function restartGenerationOf(cluster: ClusterResource): number {
  return cluster.spec.restartGeneration ?? 0;
}
