import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../../services.js';
import { policyReadRoutes } from './read.js';
import { policyWriteRoutes } from './write.js';

/**
 * The Cluster Policies API (/api/2.0/policies/clusters): rules an admin sets on the clusters users
 * create, one ClusterPolicy resource each in the workspace's namespace. Clusters that name a
 * policy get it applied at create and edit (clusters/cluster-policy-use.ts).
 */
export const clusterPolicyRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  // Fresh options: passing ours on would apply the `prefix` a second time.
  const options: RouteOptions = { services };
  await app.register(policyWriteRoutes, options);
  await app.register(policyReadRoutes, options);
};

export { policyFamilyRoutes } from './families.js';
