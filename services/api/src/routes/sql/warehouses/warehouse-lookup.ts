import type { WarehouseResource } from '@brickyard/common/crd';
import { invalidState, resourceDoesNotExist } from '../../../errors/databricks-error.js';
import type { ApiServices } from '../../../services.js';

export const warehouseDoesNotExist = (warehouseId: string) =>
  resourceDoesNotExist(`Warehouse ${warehouseId} does not exist`);

/**
 * The warehouse with this id in the workspace (a deleted one too: it answers get with state
 * DELETED until the operator removes it). A warehouse of another workspace does not exist as far
 * as the caller can tell.
 */
export function findWarehouse(
  services: ApiServices,
  namespace: string,
  warehouseId: string,
): WarehouseResource {
  const warehouse = services.warehouses.get(namespace, warehouseId);
  if (!warehouse || warehouse.metadata.deletionTimestamp) throw warehouseDoesNotExist(warehouseId);
  return warehouse;
}

/** The warehouse, unless it is deleted: only get answers for a deleted warehouse. */
export function findLiveWarehouse(
  services: ApiServices,
  namespace: string,
  warehouseId: string,
): WarehouseResource {
  const warehouse = findWarehouse(services, namespace, warehouseId);
  if (warehouse.spec.desiredState === 'DELETED') throw invalidState(`Warehouse ${warehouseId} is deleted`);
  return warehouse;
}
