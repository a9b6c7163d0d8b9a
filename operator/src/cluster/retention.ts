import type { ClusterResource } from '@brickyard/common/crd';
import { isFinishedJobCluster } from './lifecycle.js';

/**
 * How long a job cluster outlives its run. Databricks keeps a job cluster visible once its run is
 * done (TERMINATED, termination_reason JOB_FINISHED) so that users can open its configuration,
 * events and logs, for 30 days; then it is gone. The operator owns the clusters' lifecycle, so it
 * removes the Cluster resource when that time is up: the API writes specs only and the scheduler
 * only marks the cluster's run as finished (ClusterAnnotations.runFinished).
 *
 * - keep: not a finished job cluster, or not TERMINATED yet (its pods may still be going).
 * - until: a finished, TERMINATED job cluster, to be removed at removeAtMs (its terminatedTime
 *   plus the retention period).
 * - remove: that time has come.
 */
export type RetentionDecision = { kind: 'keep' } | { kind: 'until'; removeAtMs: number } | { kind: 'remove' };

export function decideRetention(
  cluster: ClusterResource,
  retentionMs: number,
  now: number,
): RetentionDecision {
  if (cluster.metadata.deletionTimestamp || !isFinishedJobCluster(cluster)) return { kind: 'keep' };
  const status = cluster.status;
  if (status?.state !== 'TERMINATED' || status.terminatedTime === undefined) return { kind: 'keep' };
  const removeAtMs = status.terminatedTime + retentionMs;
  return now >= removeAtMs ? { kind: 'remove' } : { kind: 'until', removeAtMs };
}
