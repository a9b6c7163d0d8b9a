import { type ClusterState, isSpecObserved, reportedState } from '@brickyard/common/cluster-spec';
import type { ClusterResource, WarehouseResource } from '@brickyard/common/crd';
import type { WarehouseState } from '@brickyard/common/schema';
import type { WarehouseStatus } from './warehouse-type.js';

type Health = NonNullable<WarehouseStatus['health']>;

/**
 * A warehouse's status, computed from the warehouse and its Cluster as observed (no I/O). The
 * state is the Cluster's, in the warehouse's words; DELETING and DELETED are the warehouse's own.
 */

const STATE_OF_CLUSTER: Record<ClusterState, WarehouseState> = {
  PENDING: 'STARTING',
  RESTARTING: 'STARTING',
  UNKNOWN: 'STARTING',
  RUNNING: 'RUNNING',
  RESIZING: 'RUNNING',
  TERMINATING: 'STOPPING',
  TERMINATED: 'STOPPED',
  // A cluster that failed leaves the warehouse stopped, with the failure in its health.
  ERROR: 'STOPPED',
};

/**
 * The warehouse state of its Cluster. Until the cluster controller has observed the Cluster's spec,
 * its status describes the spec before, so a start just asked for (a new restart generation) is
 * STARTING, never STOPPED, which the SDKs' start waiters take for a failure; and a stop just asked
 * for is STOPPING. Any other change (an edit) leaves the state as it is.
 */
export function warehouseStateOf(
  desired: 'RUNNING' | 'STOPPED',
  cluster: ClusterResource | undefined,
): WarehouseState {
  if (!cluster) return desired === 'RUNNING' ? 'STARTING' : 'STOPPED';
  const state = STATE_OF_CLUSTER[reportedState(cluster)];
  if (isSpecObserved(cluster)) return state;
  const startPending =
    (cluster.spec.restartGeneration ?? 0) > (cluster.status?.observedRestartGeneration ?? 0);
  if (desired === 'RUNNING' && startPending && (state === 'STOPPED' || state === 'STOPPING'))
    return 'STARTING';
  if (desired === 'STOPPED' && (state === 'RUNNING' || state === 'STARTING')) return 'STOPPING';
  return state;
}

/** FAILED when the Cluster failed or could not get its instances, with why; HEALTHY otherwise. */
function healthOf(state: WarehouseState, cluster: ClusterResource | undefined): Health {
  const status = cluster?.status;
  const reason = status?.terminationReason;
  const failed =
    status?.state === 'ERROR' ||
    (status?.state === 'TERMINATED' && reason !== undefined && reason.type !== 'SUCCESS');
  const summary = status?.stateMessage || `The warehouse is ${state.toLowerCase()}`;
  if (!failed) return { status: 'HEALTHY', summary };
  return {
    status: 'FAILED',
    summary,
    ...(status?.stateMessage ? { message: status.stateMessage } : {}),
    ...(reason ? { failureReason: reason } : {}),
  };
}

export interface WarehouseStatusInput {
  warehouse: WarehouseResource;
  /** The warehouse's Cluster, unless it does not exist or is being deleted. */
  cluster: ClusterResource | undefined;
  now: number;
}

export function computeWarehouseStatus({ warehouse, cluster, now }: WarehouseStatusInput): WarehouseStatus {
  const { spec, metadata } = warehouse;
  const previous = warehouse.status ?? {};
  const generation = metadata.generation;
  const observed = generation !== undefined ? { observedGeneration: generation } : {};
  const clusterId = cluster ? { clusterId: cluster.metadata.name ?? '' } : {};
  if (spec.desiredState === 'DELETED') {
    const state = cluster ? 'DELETING' : 'DELETED';
    const deletedTime = state === 'DELETED' ? (previous.deletedTime ?? now) : undefined;
    return {
      state,
      health: { status: 'HEALTHY', summary: `The warehouse is ${state.toLowerCase()}` },
      numClusters: 0,
      ...clusterId,
      ...(deletedTime !== undefined ? { deletedTime } : {}),
      ...observed,
    };
  }
  const state = warehouseStateOf(spec.desiredState, cluster);
  return {
    state,
    health: healthOf(state, cluster),
    numClusters: state === 'RUNNING' ? 1 : 0,
    ...clusterId,
    ...observed,
  };
}
