import { sparkEngineOf } from '@brickyard/common/catalog';
import { reportedState } from '@brickyard/common/cluster-spec';
import type { ClusterResource } from '@brickyard/common/crd';
import { GrpcRefusal, GrpcStatus } from './grpc-status.js';

/**
 * What attaching to a cluster's Spark driver takes now, from the cluster as the API last saw it.
 * As on Databricks, a terminated all-purpose cluster is started by the attach, and a starting one
 * is waited for.
 */
export type AttachStep =
  | { kind: 'ready'; driverAddress: string }
  | { kind: 'start' }
  | { kind: 'wait' }
  | { kind: 'refuse'; refusal: GrpcRefusal };

/**
 * Databricks Connect retries a call refused with this text (its DatabricksClusterWaitPolicy, for
 * up to half an hour), so a cluster still starting after the host's wait is waited for again.
 */
export function stillStartingRefusal(clusterId: string): GrpcRefusal {
  return new GrpcRefusal(
    GrpcStatus.failedPrecondition,
    `Cluster ${clusterId} is in unexpected state Pending.`,
  );
}

/** `startedHere`: this attach already asked for a start, so a cluster terminated again failed to start. */
export function attachStep(cluster: ClusterResource, startedHere: boolean): AttachStep {
  const id = cluster.metadata.name ?? '';
  if (sparkEngineOf(cluster.spec.sparkVersion) === 'none') {
    const message = `Cluster ${id} runs ${cluster.spec.sparkVersion}, which has no Spark: Spark Connect needs a Databricks Runtime with Spark`;
    return { kind: 'refuse', refusal: new GrpcRefusal(GrpcStatus.failedPrecondition, message) };
  }
  const state = reportedState(cluster);
  const driverAddress = cluster.status?.driver?.privateIp;
  switch (state) {
    case 'RUNNING':
    case 'RESIZING':
      return driverAddress ? { kind: 'ready', driverAddress } : { kind: 'wait' };
    case 'TERMINATED': {
      if (cluster.spec.clusterSource === 'JOB') {
        const message = `Cluster ${id} is a job cluster: it cannot be started to attach to`;
        return { kind: 'refuse', refusal: new GrpcRefusal(GrpcStatus.failedPrecondition, message) };
      }
      if (!startedHere) return { kind: 'start' };
      const reason = cluster.status?.terminationReason?.code ?? 'UNKNOWN';
      const message =
        `Cluster ${id} failed to start (${reason}): ${cluster.status?.stateMessage ?? ''}`.trim();
      return { kind: 'refuse', refusal: new GrpcRefusal(GrpcStatus.failedPrecondition, message) };
    }
    case 'ERROR': {
      const message = `Cluster ${id} is in state ERROR: ${cluster.status?.stateMessage ?? ''}`.trim();
      return { kind: 'refuse', refusal: new GrpcRefusal(GrpcStatus.failedPrecondition, message) };
    }
    default:
      return { kind: 'wait' };
  }
}
