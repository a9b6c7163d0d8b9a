import type { RunTaskRecord } from '@brickyard/common/runs';
import type { TaskCompute } from './compute.js';
import {
  type ClusterObservation,
  isClusterReady,
  type RunObservations,
  type WarehouseObservation,
} from './observations.js';
import type { Termination } from './run-book.js';

/**
 * Whether a sql_task can go to its SQL warehouse now. It runs on the warehouse's compute once that
 * runs; a stopped warehouse is started (run-actions' start-warehouse), and the task waits for it
 * as any task waits for its cluster. A warehouse or saved query that does not exist fails it.
 */
export type WarehouseStep =
  | { kind: 'ready' }
  | { kind: 'wait' }
  | { kind: 'fail'; termination: Termination; message: string };

type WarehouseCompute = Extract<TaskCompute, { kind: 'warehouse' }>;

const NOT_FOUND: Termination = { code: 'RESOURCE_NOT_FOUND', type: 'CLIENT_ERROR' };

/** The saved query a sql_task runs, if it names one. */
export function savedQueryId(task: Pick<RunTaskRecord, 'sql_task'>): string | undefined {
  const id = task.sql_task?.query?.query_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export function warehouseStep(
  compute: WarehouseCompute,
  task: Pick<RunTaskRecord, 'sql_task'>,
  observations: Pick<RunObservations, 'warehouse' | 'cluster' | 'savedQuery'>,
): WarehouseStep {
  const warehouse = observations.warehouse(compute.warehouseId);
  if (!warehouse.exists || warehouse.deleted) {
    return {
      kind: 'fail',
      termination: NOT_FOUND,
      message: `Warehouse ${compute.warehouseId} does not exist.`,
    };
  }
  const queryId = savedQueryId(task);
  if (queryId !== undefined) {
    const query = observations.savedQuery(queryId);
    if (!query.found) return { kind: 'fail', termination: NOT_FOUND, message: query.message };
  }
  return isClusterReady(observations.cluster(compute.clusterId)) ? { kind: 'ready' } : { kind: 'wait' };
}

/**
 * Whether the warehouse must be asked to start: it is stopped (by a user, or for inactivity) and
 * no change of it awaits the operator, so a start already asked for is never asked again.
 */
export function needsWarehouseStart(warehouse: WarehouseObservation, cluster: ClusterObservation): boolean {
  if (!warehouse.exists || warehouse.deleted || warehouse.changePending) return false;
  return warehouse.state === 'STOPPED' && !isClusterReady(cluster);
}
