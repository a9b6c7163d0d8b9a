import { type CLUSTER_SOURCES, type ClusterState, reportedState } from '@brickyard/common/cluster-spec';
import type { ClusterResource } from '@brickyard/common/crd';
import { Labels } from '@brickyard/common/vocabulary';

/**
 * Which clusters clusters/list returns. Databricks' reference: "all pinned and active clusters,
 * and all clusters terminated within the last 30 days", whatever created them: job clusters
 * (cluster_source JOB) are listed by default, as Databricks lists the clusters of finished runs,
 * and `filter_by.cluster_sources` narrows the list to the sources given (the Databricks CLI's
 * `--cluster-sources UI --cluster-sources API` leaves job clusters out). The older reference
 * capped terminated job clusters at the 30 most recent; the paginated list has no cap.
 */

/** A terminated cluster is listed for this long after its termination, unless pinned. */
export const TERMINATED_LISTED_MS = 30 * 24 * 3600 * 1000;

export interface ListFilter {
  states?: readonly ClusterState[] | undefined;
  sources?: readonly (typeof CLUSTER_SOURCES)[number][] | undefined;
  pinned?: boolean | undefined;
}

export function isListed(cluster: ClusterResource, filter: ListFilter, now: number): boolean {
  // A SQL warehouse's compute is the warehouse's: Databricks lists it with the warehouses only.
  if (cluster.metadata.deletionTimestamp || cluster.metadata.labels?.[Labels.warehouseId]) return false;
  const state = reportedState(cluster);
  if (filter.states && !filter.states.includes(state)) return false;
  if (filter.sources && !filter.sources.includes(cluster.spec.clusterSource ?? 'API')) return false;
  if (filter.pinned !== undefined && Boolean(cluster.spec.pinned) !== filter.pinned) return false;
  const terminatedAt = cluster.status?.terminatedTime;
  return (
    Boolean(cluster.spec.pinned) ||
    state !== 'TERMINATED' ||
    terminatedAt === undefined ||
    terminatedAt >= now - TERMINATED_LISTED_MS
  );
}
