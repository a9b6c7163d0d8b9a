import type { ClusterAttributes } from '@brickyard/common/schema';
import type { FastifyRequest } from 'fastify';
import { invalidParameter } from '../../errors/databricks-error.js';
import { governedPool } from '../../permissions/governed-objects.js';
import type { ApiServices } from '../../services.js';
import { livePool } from '../instance-pools/pool-lookup.js';

/**
 * The node types of a cluster that takes its instances from pools (`instance_pool_id`, and
 * `driver_instance_pool_id` for the driver, else the same pool): each pool's, as on Databricks,
 * where the pool decides the instance type. The caller must be allowed to attach to each pool.
 */
export function applyInstancePools(
  services: ApiServices,
  request: FastifyRequest,
  attributes: ClusterAttributes,
): ClusterAttributes {
  const workerPoolId = attributes.instance_pool_id;
  const driverPoolId = attributes.driver_instance_pool_id;
  if (workerPoolId === undefined) {
    if (driverPoolId !== undefined) {
      throw invalidParameter('driver_instance_pool_id requires instance_pool_id to be set');
    }
    return attributes;
  }
  const nodeTypeOf = (poolId: string) => {
    const pool = livePool(services, request.workspace.namespace, poolId);
    if (!pool) throw invalidParameter(`Instance pool ${poolId} does not exist`);
    services.permissions.require(request.principal, governedPool(pool), 'CAN_ATTACH_TO');
    return pool.spec.nodeTypeId;
  };
  const workerType = nodeTypeOf(workerPoolId);
  const driverType = driverPoolId === undefined ? workerType : nodeTypeOf(driverPoolId);
  return { ...attributes, node_type_id: workerType, driver_node_type_id: driverType };
}
