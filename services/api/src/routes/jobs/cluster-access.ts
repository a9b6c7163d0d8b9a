import type { FastifyRequest } from 'fastify';
import type { ApiServices } from '../../services.js';
import { findCluster } from '../clusters/cluster-lookup.js';

/**
 * A job's tasks may run on an existing all-purpose cluster only if whoever sets them up may
 * attach to it (CAN_ATTACH_TO), as Databricks checks when the job is saved or submitted.
 */
export function assertClustersAttachable(
  services: ApiServices,
  request: FastifyRequest,
  tasks: readonly { existing_cluster_id?: string | undefined }[] | undefined,
): void {
  const clusterIds = new Set((tasks ?? []).flatMap((task) => task.existing_cluster_id ?? []));
  for (const clusterId of clusterIds) findCluster(services, request, clusterId, 'CAN_ATTACH_TO');
}
