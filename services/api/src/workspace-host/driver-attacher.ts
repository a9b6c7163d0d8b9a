import { hasObservedGeneration, startRequested } from '@brickyard/common/cluster-spec';
import type { ClusterResource } from '@brickyard/common/crd';
import type { Logger } from 'pino';
import { updateSpec } from '../routes/clusters/spec-change.js';
import type { ApiServices } from '../services.js';
import { type AttachStep, attachStep, stillStartingRefusal } from './attach-decision.js';
import { GrpcRefusal, GrpcStatus } from './grpc-status.js';

/**
 * Finds the Spark driver of a cluster of the caller's workspace for an interactive client, starting
 * the cluster if it is terminated and waiting (up to `holdMs`) while it starts.
 */
export class DriverAttacher {
  constructor(
    private readonly services: ApiServices,
    private readonly holdMs: number,
    private readonly log: Logger,
  ) {}

  /** The driver pod's address, or a refusal to answer the client with. */
  async attach(namespace: string, clusterId: string): Promise<string> {
    const deadline = Date.now() + this.holdMs;
    let startGeneration: number | undefined;
    const stepOf = (cluster: ClusterResource): AttachStep => {
      // Until the operator has seen the start it asked for, a terminated cluster is still starting.
      if (startGeneration !== undefined && !hasObservedGeneration(cluster, startGeneration)) {
        return { kind: 'wait' };
      }
      return attachStep(cluster, startGeneration !== undefined);
    };
    for (;;) {
      const cluster = this.find(namespace, clusterId);
      const step = stepOf(cluster);
      if (step.kind === 'ready') return step.driverAddress;
      if (step.kind === 'refuse') throw step.refusal;
      if (step.kind === 'start') {
        const updated = await updateSpec(this.services, namespace, clusterId, ({ spec }) =>
          startRequested(spec),
        );
        startGeneration = updated.metadata.generation ?? 0;
        this.log.info({ clusterId }, 'Starting a terminated cluster for a Spark Connect client');
        continue;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw stillStartingRefusal(clusterId);
      await this.services.clusters.waitFor(
        namespace,
        clusterId,
        (next) => next !== cluster && stepOf(next).kind !== 'wait',
        remaining,
      );
    }
  }

  private find(namespace: string, clusterId: string): ClusterResource {
    const cluster = this.services.clusters.get(namespace, clusterId);
    if (!cluster || cluster.metadata.deletionTimestamp) {
      throw new GrpcRefusal(GrpcStatus.notFound, `Cluster ${clusterId} does not exist`);
    }
    return cluster;
  }
}
