import type { ClusterResource } from '@brickyard/common/crd';
import { ClusterAnnotations } from '@brickyard/common/vocabulary';

/**
 * The end of a run's job clusters. Databricks keeps a job cluster once its run is done:
 * TERMINATED, termination_reason JOB_FINISHED, visible to clusters/get, /events and /list for 30
 * days. The scheduler's part is only to say that the run is over, by marking each of the run's
 * job clusters (the ClusterAnnotations.runFinished annotation: metadata, since the scheduler never
 * edits a cluster's spec); the operator then terminates it and, after the retention period,
 * removes it. The run stays TERMINATING until its job clusters are TERMINATED.
 */

/** The scheduler has told the operator that this job cluster's run is over. */
export function isMarkedFinished(cluster: ClusterResource): boolean {
  return cluster.metadata.annotations?.[ClusterAnnotations.runFinished] !== undefined;
}

export interface JobClusterCleanup {
  /** Job clusters of the run still to be marked as finished. */
  toMark: number;
  /** Job clusters of the run not yet done with: unmarked, or marked but not TERMINATED yet. */
  left: number;
}

/** Where the run's job clusters are in their cleanup; those being deleted count for nothing. */
export function jobClusterCleanup(clusters: readonly ClusterResource[]): JobClusterCleanup {
  const present = clusters.filter((cluster) => !cluster.metadata.deletionTimestamp);
  const toMark = present.filter((cluster) => !isMarkedFinished(cluster)).length;
  const left = present.filter(
    (cluster) => !isMarkedFinished(cluster) || cluster.status?.state !== 'TERMINATED',
  ).length;
  return { toMark, left };
}
