import type { ClusterResource } from '@brickyard/common/crd';
import type { FastifyRequest } from 'fastify';
import { clusterDoesNotExist } from '../../errors/databricks-error.js';
import type { ApiServices } from '../../services.js';

/**
 * The cluster with this id in the caller's workspace. A cluster of another workspace does not
 * exist as far as this caller can tell, so it gets the same answer as a missing one.
 */
export function findCluster(
  services: ApiServices,
  request: FastifyRequest,
  clusterId: string,
): ClusterResource {
  const cluster = services.clusters.get(request.workspace.namespace, clusterId);
  if (!cluster || cluster.metadata.deletionTimestamp) throw clusterDoesNotExist(clusterId);
  return cluster;
}
