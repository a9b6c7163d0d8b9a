import type { ClusterResource } from '@brickyard/common/crd';
import { toCamelCase } from '@brickyard/common/crd';
import { Autoscale, ClusterAttributes, ClusterSpec } from '@brickyard/common/schema';
import { API_VERSION, ClusterAnnotations, Labels, MANAGED_BY } from '@brickyard/common/vocabulary';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import {
  clusterDoesNotExist,
  invalidParameter,
  resourceLimitExceeded,
} from '../../errors/databricks-error.js';
import type { RouteOptions } from '../../services.js';
import { assertProvisioned } from '../../store/workspace-directory.js';
import { clusterAttributes, clusterState } from './cluster-details.js';
import { newClusterId } from './cluster-id.js';
import { ClusterLimit } from './cluster-limit.js';
import { findCluster } from './cluster-lookup.js';
import { assertActionAllowed, validateClusterAttributes } from './cluster-rules.js';
import { assertNotJobCluster } from './job-cluster-rules.js';

const ClusterIdBody = Type.Object({ cluster_id: Type.String({ minLength: 1 }) });
const Empty = Type.Object({});
const MAX_PINNED_CLUSTERS = 100;

/** Create, edit, start, restart, resize, terminate, delete, pin: each a change to the spec only. */
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
  ) => {
    const updated = await clusters.update(namespace, clusterId, (current) => ({
      ...current,
      spec: change(current),
    }));
    if (!updated) throw clusterDoesNotExist(clusterId);
    return {};
  };

  app.post(
    '/create',
    { schema: schema('Create a cluster', ClusterAttributes, Type.Object({ cluster_id: Type.String() })) },
    async (request) => {
      const attributes = validateClusterAttributes(request.body);
      const { namespace, resource: workspace } = request.workspace;
      assertProvisioned(workspace);
      const spec: ClusterSpec = {
        ...attributes,
        desired_state: 'RUNNING',
        restart_generation: 0,
        cluster_source: 'API',
        creator_user_name: request.principal.userName,
      };
      const clusterId = newClusterId();
      const create = () =>
        clusters.create({
          apiVersion: API_VERSION,
          kind: 'Cluster',
          metadata: {
            name: clusterId,
            namespace,
            labels: {
              [Labels.managedBy]: MANAGED_BY,
              [Labels.workspaceId]: String(request.workspace.workspaceId),
              [Labels.clusterId]: clusterId,
            },
          },
          spec: toCamelCase(spec, ClusterSpec),
        });
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
      assertActionAllowed('edit', cluster_id, clusterState(cluster));
      const attributes = validateClusterAttributes(requested);
      return updateSpec(request.workspace.namespace, cluster_id, (current) => ({
        ...(toCamelCase(attributes, ClusterAttributes) as ClusterResource['spec']),
        desiredState: current.spec.desiredState,
        // A running cluster restarts to take the new attributes, as on Databricks; a stopped one
        // (also one the operator stopped for inactivity) stays stopped.
        restartGeneration: (current.spec.restartGeneration ?? 0) + (isStopped(current) ? 0 : 1),
        ...pickControls(current.spec),
      }));
    },
  );

  app.post('/start', { schema: schema('Start a terminated cluster', ClusterIdBody) }, async (request) => {
    const { cluster_id } = request.body;
    const cluster = findCluster(services, request, cluster_id);
    assertNotJobCluster('start', cluster_id, cluster.spec.clusterSource);
    assertActionAllowed('start', cluster_id, clusterState(cluster));
    // A new restart generation also starts a cluster the operator terminated for inactivity,
    // whose desiredState never left RUNNING (the operator does not write specs).
    return updateSpec(request.workspace.namespace, cluster_id, ({ spec }) => ({
      ...spec,
      desiredState: 'RUNNING',
      restartGeneration: (spec.restartGeneration ?? 0) + 1,
    }));
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
      assertActionAllowed('restart', cluster_id, clusterState(cluster));
      return updateSpec(request.workspace.namespace, cluster_id, ({ spec }) => ({
        ...spec,
        restartGeneration: (spec.restartGeneration ?? 0) + 1,
      }));
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
      assertActionAllowed('resize', cluster_id, clusterState(cluster));
      const { num_workers: _size, autoscale: _bounds, ...unchanged } = clusterAttributes(cluster);
      validateClusterAttributes({
        ...unchanged,
        ...(autoscale ? { autoscale } : { num_workers: num_workers as number }),
      });
      return updateSpec(request.workspace.namespace, cluster_id, ({ spec }) => {
        const { numWorkers: _size, autoscale: _bounds, ...rest } = spec;
        return autoscale
          ? { ...rest, autoscale: { minWorkers: autoscale.min_workers, maxWorkers: autoscale.max_workers } }
          : { ...rest, numWorkers: num_workers as number };
      });
    },
  );

  app.post(
    '/delete',
    { schema: schema('Terminate a cluster (its configuration is kept)', ClusterIdBody) },
    async (request) => {
      const { cluster_id } = request.body;
      findCluster(services, request, cluster_id);
      return updateSpec(request.workspace.namespace, cluster_id, ({ spec }) => ({
        ...spec,
        desiredState: 'TERMINATED',
      }));
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
        return updateSpec(request.workspace.namespace, cluster_id, ({ spec }) => ({ ...spec, pinned }));
      },
    );
  }
};

function isStopped(cluster: ClusterResource): boolean {
  const state = clusterState(cluster);
  return cluster.spec.desiredState === 'TERMINATED' || state === 'TERMINATED' || state === 'TERMINATING';
}

/** The fields of a spec the API keeps across an edit. */
function pickControls(spec: ClusterResource['spec']): Partial<ClusterResource['spec']> {
  const { pinned, clusterSource, creatorUserName } = spec;
  return {
    ...(pinned !== undefined ? { pinned } : {}),
    ...(clusterSource !== undefined ? { clusterSource } : {}),
    ...(creatorUserName !== undefined ? { creatorUserName } : {}),
  };
}
