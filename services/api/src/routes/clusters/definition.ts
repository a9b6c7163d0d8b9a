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
import { applyClusterPolicy, policyUserLimit } from './cluster-policy-use.js';
import { assertActionAllowed, validateClusterAttributes } from './cluster-rules.js';
import { applyInstancePools } from './instance-pool-use.js';
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
      const { namespace, resource: workspace } = request.workspace;
      assertProvisioned(workspace);
      const policed = applyClusterPolicy(services, request, request.body, 'all-purpose');
      const attributes = validateClusterAttributes(applyInstancePools(services, request, policed.attributes));
      const creator = request.principal.userName;
      const clusterId = newClusterId();
      const create = () =>
        clusters.accept(
          buildClusterResource({
            clusterId,
            workspaceId: request.workspace.workspaceId,
            attributes,
            source: 'API',
            creatorUserName: creator,
          }),
        );
      // A job cluster kept after its run (for its events, until retention ends) is not a cluster
      // the workspace runs: it does not count against the limit.
      const count = () =>
        clusters
          .list(namespace)
          .filter((cluster) => !cluster.metadata.annotations?.[ClusterAnnotations.runFinished]).length;
      const createInWorkspace = () =>
        clusterLimit.create(namespace, workspace.spec.limits?.maxClusters, count, create);
      const perUser = policyUserLimit(services, namespace, policed.policy, creator);
      await (perUser
        ? clusterLimit.create(perUser.key, perUser.limit, perUser.count, createInWorkspace, perUser.refusal)
        : createInWorkspace());
      return { cluster_id: clusterId };
    },
  );

  app.post(
    '/edit',
    { schema: clusterPostSchema(hidden, 'Replace the attributes of a cluster', EditBody) },
    async (request) => {
      const { cluster_id, ...requested } = request.body;
      const cluster = findCluster(services, request, cluster_id, 'CAN_MANAGE');
      // What is wrong with the request is told before what is wrong with the moment.
      const policed = applyClusterPolicy(services, request, requested, 'all-purpose');
      const attributes = validateClusterAttributes(applyInstancePools(services, request, policed.attributes));
      assertActionAllowed('edit', cluster_id, reportedState(cluster));
      return requestTransition(services, request, cluster_id, (current) =>
        editRequested(current, attributes),
      );
    },
  );
};
