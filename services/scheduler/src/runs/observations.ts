import type { PolicyDefinition } from '@brickyard/common/cluster-policy';
import type { ClusterState, WarehouseState } from '@brickyard/common/schema';
import type { DispatchedSqlQuery, TaskJobResult } from '@brickyard/common/tasks';

/** What the scheduler saw of the world before planning a run: its queue jobs and its clusters. */

export interface JobObservation {
  state: 'missing' | 'waiting' | 'active' | 'completed' | 'failed';
  /** When a consumer (last) took the job. */
  processedOn?: number;
  finishedOn?: number;
  result?: TaskJobResult;
  failedReason?: string;
}

export interface ClusterObservation {
  exists: boolean;
  /** The operator's state; undefined until it reports one. */
  state?: ClusterState;
  desiredState?: 'RUNNING' | 'TERMINATED';
  deleting?: boolean;
  message?: string;
  /** Why it terminated, if it did. */
  terminationReason?: { code: string; type?: string };
  /** The cluster's spark_env_vars. */
  environment?: Record<string, string>;
}

/** A SQL warehouse as the scheduler saw it (its compute is observed as a cluster). */
export interface WarehouseObservation {
  exists: boolean;
  /** Deleted, or being deleted: it will not run anything again. */
  deleted?: boolean;
  /** The state the operator reports; undefined until it reports one. */
  state?: WarehouseState;
  /** A spec change (such as a start) the operator has not observed yet. */
  changePending?: boolean;
}

export const MISSING_WAREHOUSE: WarehouseObservation = { exists: false };

/** A saved query (sql_task.query) as the scheduler saw it: what a dispatch sends, if it is usable. */
export type SavedQueryObservation =
  | { found: true; query: DispatchedSqlQuery }
  | { found: false; message: string };

/** A cluster policy a job cluster names, as the scheduler saw it: its rules, if it is usable. */
export type PolicyObservation =
  | { found: true; definition: PolicyDefinition }
  | { found: false; message: string };

export interface RunObservations {
  /** By BullMQ job id, for every task attempt that was dispatched before this look. */
  jobs: ReadonlyMap<string, JobObservation>;
  /** A cluster of the run's workspace, by id. */
  cluster: (clusterId: string) => ClusterObservation;
  /** A SQL warehouse of the run's workspace, by id. */
  warehouse: (warehouseId: string) => WarehouseObservation;
  /** A saved query of the run's workspace, by id. */
  savedQuery: (queryId: string) => SavedQueryObservation;
  /** A cluster policy of the run's workspace, by id. */
  clusterPolicy: (policyId: string) => PolicyObservation;
  /**
   * How many of the run's job clusters it is not done with yet (job-cluster-cleanup.ts): not yet
   * marked as finished, or marked but not TERMINATED yet. Those being deleted do not count.
   */
  jobClustersLeft: number;
  /** How many of the run's job clusters are still to be marked as finished. */
  jobClustersToMark: number;
}

export const MISSING_CLUSTER: ClusterObservation = { exists: false };

/**
 * A cluster meant to run that terminated by failure (a CLOUD_FAILURE such as no instance capacity):
 * it will not come up unless someone starts it again, so tasks waiting for it fail.
 */
export function hasFailedToRun(cluster: ClusterObservation): boolean {
  const type = cluster.terminationReason?.type;
  return (
    cluster.state === 'TERMINATED' &&
    cluster.desiredState !== 'TERMINATED' &&
    type !== undefined &&
    type !== 'SUCCESS'
  );
}

/** A cluster tasks can be sent to: running (resizing counts), and meant to stay so. */
export function isClusterReady(cluster: ClusterObservation): boolean {
  return (
    cluster.exists &&
    !cluster.deleting &&
    cluster.desiredState !== 'TERMINATED' &&
    (cluster.state === 'RUNNING' || cluster.state === 'RESIZING')
  );
}
