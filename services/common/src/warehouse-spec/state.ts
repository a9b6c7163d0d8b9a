import type { Workload } from '../catalog/prices.js';
import type { WarehouseResource } from '../crd/resource-kinds.js';
import type { WarehouseState } from '../schema/warehouse.js';

/**
 * Reading a warehouse's state. The operator is its only writer: it derives the state from the
 * warehouse's Cluster and publishes it with status.observedGeneration; readers report what status
 * says and never predict it.
 */

/** The state a client sees; a warehouse the operator has not reported on yet is STARTING. */
export function reportedWarehouseState(warehouse: Pick<WarehouseResource, 'status'>): WarehouseState {
  return warehouse.status?.state ?? 'STARTING';
}

/** Whether the operator has observed at least this generation of the spec (a write's answer). */
export function hasObservedWarehouseGeneration(
  warehouse: Pick<WarehouseResource, 'status'>,
  generation: number | undefined,
): boolean {
  const observed = warehouse.status?.observedGeneration;
  return observed !== undefined && observed >= (generation ?? 0);
}

/** The Cluster that is a warehouse's compute: named after it, so it is never made twice. */
export function warehouseClusterId(warehouseId: string): string {
  return `warehouse-${warehouseId}`;
}

/** How a warehouse's compute is billed: serverless, else at its type's SQL rate. */
export function warehouseWorkload(spec: WarehouseResource['spec']): Workload {
  if (spec.enableServerlessCompute) return 'SQL_SERVERLESS';
  return spec.warehouseType === 'PRO' ? 'SQL_PRO' : 'SQL_CLASSIC';
}
