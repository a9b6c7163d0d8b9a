import type { ClusterAttributes } from '@brickyard/common/schema';
import type { FastifyRequest } from 'fastify';
import { governedCluster } from '../../permissions/governed-objects.js';
import type { ApiServices } from '../../services.js';
import { applyClusterPolicy } from '../clusters/cluster-policy-use.js';

/**
 * A job's tasks may run on an existing all-purpose cluster only if whoever sets them up may
 * attach to it (CAN_ATTACH_TO), checked when the job is saved or submitted. A cluster that does
 * not exist (yet) is left for the run to report, as before.
 */
export function assertClustersAttachable(
  services: ApiServices,
  request: FastifyRequest,
  tasks: readonly { existing_cluster_id?: string | undefined }[] | undefined,
): void {
  const clusterIds = new Set((tasks ?? []).flatMap((task) => task.existing_cluster_id ?? []));
  for (const clusterId of clusterIds) {
    const cluster = services.clusters.get(request.workspace.namespace, clusterId);
    if (cluster && !cluster.metadata.deletionTimestamp) {
      services.permissions.require(request.principal, governedCluster(cluster), 'CAN_ATTACH_TO');
    }
  }
}

/**
 * A job's new clusters (job_clusters and tasks' new_cluster) that name a policy must meet it, as
 * job compute (`cluster_type` job), checked when the job is saved or submitted so a violation is
 * told at once rather than when a run starts.
 */
export function assertJobClustersMeetPolicies(
  services: ApiServices,
  request: FastifyRequest,
  settings: {
    tasks?: readonly { new_cluster?: ClusterAttributes | undefined }[] | undefined;
    job_clusters?: readonly { new_cluster: ClusterAttributes }[] | undefined;
  },
): void {
  const clusters = [
    ...(settings.job_clusters ?? []).map((cluster) => cluster.new_cluster),
    ...(settings.tasks ?? []).flatMap((task) => task.new_cluster ?? []),
  ];
  for (const cluster of clusters) applyClusterPolicy(services, request, cluster, 'job');
}
