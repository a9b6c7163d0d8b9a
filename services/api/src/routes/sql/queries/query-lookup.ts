import type { QueryResource } from '@brickyard/common/crd';
import { invalidParameter, resourceDoesNotExist } from '../../../errors/databricks-error.js';
import type { ApiServices } from '../../../services.js';

export const queryDoesNotExist = (queryId: string) =>
  resourceDoesNotExist(`Query ${queryId} does not exist.`);

export function findQuery(services: ApiServices, namespace: string, queryId: string): QueryResource {
  const query = services.queries.get(namespace, queryId);
  if (!query || query.metadata.deletionTimestamp) throw queryDoesNotExist(queryId);
  return query;
}

/** A query may name a warehouse of its workspace only. */
export function assertWarehouseKnown(
  services: ApiServices,
  namespace: string,
  warehouseId: string | undefined,
): void {
  if (warehouseId === undefined || warehouseId === '') return;
  const warehouse = services.warehouses.get(namespace, warehouseId);
  if (!warehouse || warehouse.metadata.deletionTimestamp || warehouse.spec.desiredState === 'DELETED')
    throw invalidParameter(`Warehouse ${warehouseId} does not exist`);
}

/** The display names of a folder's live queries (but `except`), which another must not repeat. */
export function takenNames(
  services: ApiServices,
  namespace: string,
  parentPath: string | undefined,
  except?: string,
): Set<string> {
  return new Set(
    services.queries
      .list(namespace)
      .filter((query) => query.metadata.name !== except && query.spec.lifecycleState === 'ACTIVE')
      .filter((query) => query.spec.parentPath === parentPath)
      .map((query) => query.spec.displayName),
  );
}
