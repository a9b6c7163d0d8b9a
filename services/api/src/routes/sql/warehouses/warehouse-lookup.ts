import type { WarehouseResource } from '@brickyard/common/crd';
import type { FastifyRequest } from 'fastify';
import { invalidState, resourceDoesNotExist } from '../../../errors/databricks-error.js';
import { governedWarehouse } from '../../../permissions/governed-objects.js';
import type { PermissionLevel } from '../../../permissions/object-types.js';
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

/**
 * The warehouse, once the caller is known to hold `needed` on it (Databricks' warehouse ACLs:
 * details need CAN_VIEW, starting and running statements CAN_USE, stopping, editing and deleting
 * CAN_MANAGE).
 */
export function findPermittedWarehouse(
  services: ApiServices,
  request: FastifyRequest,
  warehouseId: string,
  needed: PermissionLevel<'warehouses'>,
): WarehouseResource {
  const warehouse = findWarehouse(services, request.workspace.namespace, warehouseId);
  services.permissions.require(request.principal, governedWarehouse(warehouse), needed);
  return warehouse;
}

/** The warehouse the caller holds `needed` on, unless it is deleted: only get answers for a deleted one. */
export function findLiveWarehouse(
  services: ApiServices,
  request: FastifyRequest,
  warehouseId: string,
  needed: PermissionLevel<'warehouses'>,
): WarehouseResource {
  const warehouse = findPermittedWarehouse(services, request, warehouseId, needed);
  if (warehouse.spec.desiredState === 'DELETED') throw invalidState(`Warehouse ${warehouseId} is deleted`);
  return warehouse;
}
