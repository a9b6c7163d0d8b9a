import type { ClusterResource } from '@brickyard/common/crd';
import type { FastifyRequest } from 'fastify';
import { clusterDoesNotExist } from '../../errors/databricks-error.js';
import { governedCluster } from '../../permissions/governed-objects.js';
import type { PermissionLevel } from '../../permissions/object-types.js';
import type { ApiServices } from '../../services.js';

/**
 * The cluster with this id in the caller's workspace, once the caller is known to hold `needed`
 * on it (Databricks' compute ACLs: attach and view need CAN_ATTACH_TO, start, restart and
 * terminate CAN_RESTART, edit, resize and delete CAN_MANAGE). A cluster of another workspace does
 * not exist as far as this caller can tell, so it gets the same answer as a missing one.
 */
export function findCluster(
  services: ApiServices,
  request: FastifyRequest,
  clusterId: string,
  needed: PermissionLevel<'clusters'>,
): ClusterResource {
  const cluster = services.clusters.get(request.workspace.namespace, clusterId);
  if (!cluster || cluster.metadata.deletionTimestamp) throw clusterDoesNotExist(clusterId);
  services.permissions.require(request.principal, governedCluster(cluster), needed);
  return cluster;
}
