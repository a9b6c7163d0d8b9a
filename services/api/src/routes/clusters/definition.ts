import {
  buildClusterResource,
  ClusterAttributes,
  editRequested,
  reportedState,
} from '@brickyard/common/cluster-spec';
import { ClusterAnnotations } from '@brickyard/common/vocabulary';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteOptions } from '../../services.js';
import { assertProvisioned } from '../../store/workspace-directory.js';
import { newClusterId } from './cluster-id.js';
import { ClusterLimit } from './cluster-limit.js';
import { findCluster } from './cluster-lookup.js';
import { assertActionAllowed, validateClusterAttributes } from './cluster-rules.js';
import { ClusterIdBody, clusterPostSchema, requestTransition } from './spec-change.js';

const CreateResponse = Type.Object({ cluster_id: Type.String() });
const EditBody = Type.Object({ ...ClusterAttributes.properties, ...ClusterIdBody.properties });

/** Create and edit: what a cluster is (its attributes). */
export const definitionRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (
  app,
  { services, hidden },
) => {
  const { clusters } = services;
  const clusterLimit = new ClusterLimit();

  app.post(
    '/create',
    { schema: clusterPostSchema(hidden, 'Create a cluster', ClusterAttributes, CreateResponse) },
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
    { schema: clusterPostSchema(hidden, 'Replace the attributes of a cluster', EditBody) },
    async (request) => {
      const { cluster_id, ...requested } = request.body;
      const cluster = findCluster(services, request, cluster_id, 'CAN_MANAGE');
      assertActionAllowed('edit', cluster_id, reportedState(cluster));
      const attributes = validateClusterAttributes(requested);
      return requestTransition(services, request, cluster_id, (current) =>
        editRequested(current, attributes),
      );
    },
  );
};
