import {
  Autoscale,
  buildClusterResource,
  ClusterAttributes,
  editRequested,
  hasObservedGeneration,
  reportedState,
  resizeRequested,
  restartRequested,
  startRequested,
  terminationRequested,
} from '@brickyard/common/cluster-spec';
import type { ClusterResource } from '@brickyard/common/crd';
import { ClusterAnnotations } from '@brickyard/common/vocabulary';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import {
  clusterDoesNotExist,
  invalidParameter,
  resourceLimitExceeded,
} from '../../errors/databricks-error.js';
import type { RouteOptions } from '../../services.js';
import { assertProvisioned } from '../../store/workspace-directory.js';
import { clusterAttributes } from './cluster-details.js';
import { newClusterId } from './cluster-id.js';
import { ClusterLimit } from './cluster-limit.js';
import { findCluster } from './cluster-lookup.js';
import { assertActionAllowed, validateClusterAttributes } from './cluster-rules.js';
import { assertNotJobCluster } from './job-cluster-rules.js';

const ClusterIdBody = Type.Object({ cluster_id: Type.String({ minLength: 1 }) });
const Empty = Type.Object({});
const MAX_PINNED_CLUSTERS = 100;

/**
 * Create, edit, start, restart, resize, terminate, delete, pin: each a change to the spec only.
 * The state is the operator's to publish: a call that asks for a transition answers once the
 * operator has observed the change (and so published PENDING, RESTARTING, RESIZING or
 * TERMINATING), so that a client polling right after, like the SDKs' waiters, sees it.
 */
export const lifecycleRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services, hidden }) => {
  const { clusters } = services;
  const clusterLimit = new ClusterLimit();
  const schema = <B extends TSchema, R extends TSchema = typeof Empty>(
    summary: string,
    body: B,
    response?: R,
  ) => ({
    tags: ['clusters'],
    summary,
    hide: hidden ?? false,
    body,
    response: { 200: response ?? Empty },
  });

  /** Applies a spec change to a cluster of the caller's workspace. */
  const updateSpec = async (
    namespace: string,
    clusterId: string,
    change: (resource: ClusterResource) => ClusterResource['spec'],
  ): Promise<ClusterResource> => {
    const updated = await clusters.update(namespace, clusterId, (current) => ({
      ...current,
      spec: change(current),
    }));
    if (!updated) throw clusterDoesNotExist(clusterId);
    return updated;
  };

  /** Requests a transition, then waits (boundedly) for the operator to publish it in status. */
  const requestTransition = async (
    request: FastifyRequest,
    clusterId: string,
    change: (resource: ClusterResource) => ClusterResource['spec'],
  ) => {
    const { namespace } = request.workspace;
    const updated = await updateSpec(namespace, clusterId, change);
    const generation = updated.metadata.generation;
    const observed = await clusters.waitFor(
      namespace,
      clusterId,
      (cluster) => hasObservedGeneration(cluster, generation),
      services.config.transitionWaitMs,
    );
    if (!observed) {
      request.log.warn(
        { clusterId, generation, waitedMs: services.config.transitionWaitMs },
        'Operator has not observed the cluster change yet',
      );
    }
    return {};
  };

  app.post(
    '/create',
    { schema: schema('Create a cluster', ClusterAttributes, Type.Object({ cluster_id: Type.String() })) },
    async (request) => {
      const attributes = validateClusterAttributes(request.body);
      const { namespace, resource: workspace } = request.workspace;
      assertProvisioned(workspace);
      const clusterId = newClusterId();
      const create = () =>
        clusters.accept(
          buildClusterResource({
            clusterId,
            workspaceId: request.workspace.workspaceId,
            attributes,
            source: 'API',
            creatorUserName: request.principal.userName,
          }),
        );
      // A job cluster kept after its run (for its events, until retention ends) is not a cluster
      // the workspace runs: it does not count against the limit.
      const count = () =>
        clusters
          .list(namespace)
          .filter((cluster) => !cluster.metadata.annotations?.[ClusterAnnotations.runFinished]).length;
      await clusterLimit.create(namespace, workspace.spec.limits?.maxClusters, count, create);
      return { cluster_id: clusterId };
    },
  );

  app.post(
    '/edit',
    {
      schema: schema(
        'Replace the attributes of a cluster',
        Type.Object({ ...ClusterAttributes.properties, ...ClusterIdBody.properties }),
      ),
    },
    async (request) => {
      const { cluster_id, ...requested } = request.body;
      const cluster = findCluster(services, request, cluster_id);
      assertActionAllowed('edit', cluster_id, reportedState(cluster));
      const attributes = validateClusterAttributes(requested);
      return requestTransition(request, cluster_id, (current) => editRequested(current, attributes));
    },
  );

  app.post('/start', { schema: schema('Start a terminated cluster', ClusterIdBody) }, async (request) => {
    const { cluster_id } = request.body;
    const cluster = findCluster(services, request, cluster_id);
    assertNotJobCluster('start', cluster_id, cluster.spec.clusterSource);
    assertActionAllowed('start', cluster_id, reportedState(cluster));
    return requestTransition(request, cluster_id, ({ spec }) => startRequested(spec));
  });

  app.post(
    '/restart',
    {
      schema: schema(
        'Restart a running cluster',
        Type.Object({ ...ClusterIdBody.properties, restart_user: Type.Optional(Type.String()) }),
      ),
    },
    async (request) => {
      const { cluster_id } = request.body;
      const cluster = findCluster(services, request, cluster_id);
      assertNotJobCluster('restart', cluster_id, cluster.spec.clusterSource);
      assertActionAllowed('restart', cluster_id, reportedState(cluster));
      return requestTransition(request, cluster_id, ({ spec }) => restartRequested(spec));
    },
  );

  app.post(
    '/resize',
    {
      schema: schema(
        'Change the size of a running cluster',
        Type.Object({
          ...ClusterIdBody.properties,
          num_workers: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
          autoscale: Type.Optional(Autoscale),
        }),
      ),
    },
    async (request) => {
      const { cluster_id, num_workers, autoscale } = request.body;
      if ((num_workers === undefined) === (autoscale === undefined)) {
        throw invalidParameter('Exactly one of num_workers or autoscale must be set');
      }
      const cluster = findCluster(services, request, cluster_id);
      assertActionAllowed('resize', cluster_id, reportedState(cluster));
      const size = autoscale ? { autoscale } : { num_workers: num_workers as number };
      const { num_workers: _size, autoscale: _bounds, ...unchanged } = clusterAttributes(cluster);
      validateClusterAttributes({ ...unchanged, ...size });
      return requestTransition(request, cluster_id, ({ spec }) => resizeRequested(spec, size));
    },
  );

  app.post(
    '/delete',
    { schema: schema('Terminate a cluster (its configuration is kept)', ClusterIdBody) },
    async (request) => {
      const { cluster_id } = request.body;
      findCluster(services, request, cluster_id);
      return requestTransition(request, cluster_id, ({ spec }) => terminationRequested(spec));
    },
  );

  app.post(
    '/permanent-delete',
    { schema: schema('Terminate and remove a cluster', ClusterIdBody) },
    async (request) => {
      const { cluster_id } = request.body;
      findCluster(services, request, cluster_id);
      if (!(await clusters.delete(request.workspace.namespace, cluster_id)))
        throw clusterDoesNotExist(cluster_id);
      return {};
    },
  );

  for (const [path, pinned] of [
    ['/pin', true],
    ['/unpin', false],
  ] as const) {
    app.post(
      path,
      { schema: schema(pinned ? 'Pin a cluster' : 'Unpin a cluster', ClusterIdBody) },
      async (request) => {
        const { cluster_id } = request.body;
        findCluster(services, request, cluster_id);
        const pinnedCount = clusters.list(request.workspace.namespace).filter((c) => c.spec.pinned).length;
        if (pinned && pinnedCount >= MAX_PINNED_CLUSTERS) {
          throw resourceLimitExceeded(`At most ${MAX_PINNED_CLUSTERS} clusters can be pinned`);
        }
        await updateSpec(request.workspace.namespace, cluster_id, ({ spec }) => ({ ...spec, pinned }));
        return {};
      },
    );
  }
};
