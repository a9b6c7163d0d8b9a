import { isUpState, reportedState } from '@brickyard/common/cluster-spec';
import type { ClusterResource, WarehouseResource } from '@brickyard/common/crd';
import {
  hasObservedWarehouseGeneration,
  reportedWarehouseState,
  warehouseClusterId,
  warehouseStartRequested,
} from '@brickyard/common/warehouse-spec';
import type { FastifyBaseLogger } from 'fastify';
import {
  type DatabricksError,
  invalidState,
  temporarilyUnavailable,
} from '../../../errors/databricks-error.js';
import type { ApiServices } from '../../../services.js';
import { updateWarehouseSpec } from './spec-change.js';
import { findWarehouse } from './warehouse-lookup.js';

/** Where a warehouse's statements run: its Cluster, whose driver serves Spark Connect (DriverPorts). */
export interface WarehouseDriver {
  clusterId: string;
  driverAddress: string;
}

/**
 * What getting a warehouse's driver takes now, from the warehouse and its Cluster as the API last
 * saw them. As on Databricks, a statement starts a stopped warehouse and waits while it starts.
 */
type DriverStep =
  | { kind: 'ready'; driver: WarehouseDriver }
  | { kind: 'start' }
  | { kind: 'wait'; on: 'warehouse' | 'cluster' }
  | { kind: 'refuse'; error: DatabricksError };

/** `startedHere`: this call already asked for a start, so a warehouse stopped again failed to start. */
export function driverStep(
  warehouse: WarehouseResource,
  cluster: ClusterResource | undefined,
  startedHere: boolean,
): DriverStep {
  const id = warehouse.metadata.name ?? '';
  if (warehouse.spec.desiredState === 'DELETED') {
    return { kind: 'refuse', error: invalidState(`Warehouse ${id} is deleted`) };
  }
  switch (reportedWarehouseState(warehouse)) {
    case 'RUNNING': {
      const driverAddress = cluster?.status?.driver?.privateIp;
      // The warehouse reports RUNNING after its Cluster does: this cache may lag that one a little.
      if (!cluster || !isUpState(reportedState(cluster)) || !driverAddress)
        return { kind: 'wait', on: 'cluster' };
      return { kind: 'ready', driver: { clusterId: cluster.metadata.name ?? '', driverAddress } };
    }
    case 'STOPPED': {
      if (!startedHere) return { kind: 'start' };
      const why = warehouse.status?.health?.summary ?? 'it stopped';
      return { kind: 'refuse', error: invalidState(`Warehouse ${id} failed to start: ${why}`) };
    }
    default:
      return { kind: 'wait', on: 'warehouse' };
  }
}

/** Rechecks at least this often while waiting, whatever the watches bring. */
const RECHECK_MS = 1_000;

/**
 * The driver of a warehouse's compute, for a statement (the Statement Execution API): marks the
 * warehouse active (auto_stop_mins counts from now), starts it if it is stopped, and waits up to
 * `waitMs` while it starts. Throws a DatabricksError: RESOURCE_DOES_NOT_EXIST (404) for no such
 * warehouse, INVALID_STATE (400) for a deleted one or one that failed to start, and
 * TEMPORARILY_UNAVAILABLE (503) when it is still starting after `waitMs` (ask again later).
 */
export async function warehouseDriver(
  services: ApiServices,
  namespace: string,
  warehouseId: string,
  options: { waitMs: number; log: FastifyBaseLogger },
): Promise<WarehouseDriver> {
  const deadline = Date.now() + options.waitMs;
  const clusterId = warehouseClusterId(warehouseId);
  findWarehouse(services, namespace, warehouseId);
  await services.warehouseActivity.markActive(warehouseId);
  let startGeneration: number | undefined;
  for (;;) {
    const warehouse = findWarehouse(services, namespace, warehouseId);
    const cluster = services.clusters.get(namespace, clusterId);
    // Until the operator has seen the start asked for here, the warehouse is still starting.
    const step: DriverStep =
      startGeneration !== undefined && !hasObservedWarehouseGeneration(warehouse, startGeneration)
        ? { kind: 'wait', on: 'warehouse' }
        : driverStep(warehouse, cluster, startGeneration !== undefined);
    if (step.kind === 'ready') return step.driver;
    if (step.kind === 'refuse') throw step.error;
    if (step.kind === 'start') {
      const updated = await updateWarehouseSpec(services, namespace, warehouseId, ({ spec }) =>
        warehouseStartRequested(spec),
      );
      startGeneration = updated.metadata.generation ?? 0;
      options.log.info({ warehouseId }, 'Starting a stopped warehouse for a statement');
      continue;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw temporarilyUnavailable(`Warehouse ${warehouseId} is still starting`, 5);
    const waitMs = Math.min(remaining, RECHECK_MS);
    if (step.on === 'cluster' && cluster) {
      await services.clusters.waitFor(namespace, clusterId, (next) => next !== cluster, waitMs);
    } else {
      await services.warehouses.waitFor(namespace, warehouseId, (next) => next !== warehouse, waitMs);
    }
  }
}
