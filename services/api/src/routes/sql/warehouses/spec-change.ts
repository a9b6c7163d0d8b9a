import type { WarehouseResource } from '@brickyard/common/crd';
import { hasObservedWarehouseGeneration } from '@brickyard/common/warehouse-spec';
import type { FastifyBaseLogger } from 'fastify';
import type { ApiServices } from '../../../services.js';
import { warehouseDoesNotExist } from './warehouse-lookup.js';

type SpecChange = (resource: WarehouseResource) => WarehouseResource['spec'];

/** Applies a spec change to a warehouse: the API only ever changes specs, the operator does the rest. */
export async function updateWarehouseSpec(
  services: ApiServices,
  namespace: string,
  warehouseId: string,
  change: SpecChange,
): Promise<WarehouseResource> {
  const updated = await services.warehouses.update(namespace, warehouseId, (current) => ({
    ...current,
    spec: change(current),
  }));
  if (!updated) throw warehouseDoesNotExist(warehouseId);
  return updated;
}

/**
 * Requests a transition, then waits (boundedly) for the operator to publish it, as clusters'
 * calls do (routes/clusters/spec-change.ts): a client polling right after, like the SDKs' waiters,
 * sees STARTING or STOPPING, never the state before.
 */
export async function requestWarehouseTransition(
  services: ApiServices,
  namespace: string,
  warehouseId: string,
  change: SpecChange,
  log: FastifyBaseLogger,
): Promise<WarehouseResource> {
  const updated = await updateWarehouseSpec(services, namespace, warehouseId, change);
  const generation = updated.metadata.generation;
  const waitMs = services.config.transitionWaitMs;
  const observed = await services.warehouses.waitFor(
    namespace,
    warehouseId,
    (warehouse) => hasObservedWarehouseGeneration(warehouse, generation),
    waitMs,
  );
  if (!observed) {
    log.warn(
      { warehouseId, generation, waitedMs: waitMs },
      'Operator has not observed the warehouse change yet',
    );
  }
  return observed ?? updated;
}
