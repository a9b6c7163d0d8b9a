import { hasObservedGeneration } from '@brickyard/common/cluster-spec';
import type { ClusterResource } from '@brickyard/common/crd';
import type { FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import { clusterDoesNotExist } from '../../errors/databricks-error.js';
import type { ApiServices } from '../../services.js';

export const ClusterIdBody = Type.Object({ cluster_id: Type.String({ minLength: 1 }) });
export const Empty = Type.Object({});

/** The OpenAPI schema of a Clusters API POST: a body, and `{}` unless it answers more. */
export function clusterPostSchema<B extends TSchema, R extends TSchema = typeof Empty>(
  hidden: boolean | undefined,
  summary: string,
  body: B,
  response?: R,
) {
  return {
    tags: ['clusters'],
    summary,
    hide: hidden ?? false,
    body,
    response: { 200: response ?? Empty },
  };
}

/**
 * Applies a spec change to a cluster of the caller's workspace: the API only ever changes specs,
 * the operator does the rest.
 */
export async function updateSpec(
  services: ApiServices,
  namespace: string,
  clusterId: string,
  change: (resource: ClusterResource) => ClusterResource['spec'],
): Promise<ClusterResource> {
  const updated = await services.clusters.update(namespace, clusterId, (current) => ({
    ...current,
    spec: change(current),
  }));
  if (!updated) throw clusterDoesNotExist(clusterId);
  return updated;
}

/**
 * Requests a transition, then waits (boundedly) for the operator to publish it in status. The
 * state is the operator's to publish: a call that asks for a transition answers once the operator
 * has observed the change (and so published PENDING, RESTARTING, RESIZING or TERMINATING), so that
 * a client polling right after, like the SDKs' waiters, sees it.
 */
export async function requestTransition(
  services: ApiServices,
  request: FastifyRequest,
  clusterId: string,
  change: (resource: ClusterResource) => ClusterResource['spec'],
): Promise<Record<string, never>> {
  const { namespace } = request.workspace;
  const updated = await updateSpec(services, namespace, clusterId, change);
  const generation = updated.metadata.generation;
  const waitMs = services.config.transitionWaitMs;
  const observed = await services.clusters.waitFor(
    namespace,
    clusterId,
    (cluster) => hasObservedGeneration(cluster, generation),
    waitMs,
  );
  if (!observed) {
    request.log.warn(
      { clusterId, generation, waitedMs: waitMs },
      'Operator has not observed the cluster change yet',
    );
  }
  return {};
}
