import { toCamelCase } from '../crd/case-conversion.js';
import type { WarehouseResource } from '../crd/resource-kinds.js';
import { WarehouseAttributes } from '../schema/warehouse.js';
import type { WarehouseDefinition } from './defaults.js';

/**
 * The spec changes that ask for a transition, made by the API (the warehouses calls, and a
 * statement that needs a stopped warehouse): the writers of spec. The operator carries them out on
 * the warehouse's Cluster and publishes the resulting state in status (state.ts).
 *
 * - start: desiredState RUNNING and a new start generation, which also starts a warehouse stopped
 *   for inactivity (whose desiredState never left RUNNING).
 * - stop: desiredState STOPPED.
 * - delete: desiredState DELETED; the operator removes the compute, then the resource after a while.
 * - edit: a new definition; the state and the controls are kept.
 */

type Spec = WarehouseResource['spec'];

export function warehouseStartRequested(spec: Spec): Spec {
  return { ...spec, desiredState: 'RUNNING', startGeneration: (spec.startGeneration ?? 0) + 1 };
}

export function warehouseStopRequested(spec: Spec): Spec {
  return { ...spec, desiredState: 'STOPPED' };
}

export function warehouseDeletionRequested(spec: Spec): Spec {
  return { ...spec, desiredState: 'DELETED' };
}

export function warehouseEditRequested(spec: Spec, definition: WarehouseDefinition): Spec {
  const { desiredState, startGeneration, creatorName } = spec;
  return {
    ...(toCamelCase(definition, WarehouseAttributes) as Spec),
    desiredState,
    ...(startGeneration !== undefined ? { startGeneration } : {}),
    ...(creatorName !== undefined ? { creatorName } : {}),
  };
}
