import type { InstancePoolResource } from '@brickyard/common/crd';
import { resourceDoesNotExist } from '../../errors/databricks-error.js';
import type { ApiServices } from '../../services.js';

export const poolDoesNotExist = (poolId: string) =>
  resourceDoesNotExist(`Can't find an instance pool with id: ${poolId}`);

/** A pool of the workspace that is not being deleted, or undefined. */
export function livePool(
  services: ApiServices,
  namespace: string,
  poolId: string,
): InstancePoolResource | undefined {
  const pool = services.instancePools.get(namespace, poolId);
  return pool && !pool.metadata.deletionTimestamp ? pool : undefined;
}

export function findPool(services: ApiServices, namespace: string, poolId: string): InstancePoolResource {
  const pool = livePool(services, namespace, poolId);
  if (!pool) throw poolDoesNotExist(poolId);
  return pool;
}
