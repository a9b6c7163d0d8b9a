import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { governedPolicy } from '../../permissions/governed-objects.js';
import type { RouteOptions } from '../../services.js';
import { findPolicy } from './policy-lookup.js';
import { ListPoliciesQuery, PolicyIdOnly, PolicyList, PolicyView, policySchema } from './policy-schemas.js';
import { toPolicyView } from './policy-view.js';

/** Get and list: of the policies the caller may use (admins: all of them). */
export const policyReadRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  app.get(
    '/get',
    { schema: policySchema('Get a cluster policy', { querystring: PolicyIdOnly, response: PolicyView }) },
    async (request) => {
      const policy = findPolicy(services, request.workspace.namespace, request.query.policy_id);
      services.permissions.require(request.principal, governedPolicy(policy), 'CAN_USE');
      return toPolicyView(policy);
    },
  );

  app.get(
    '/list',
    {
      schema: policySchema('List cluster policies', { querystring: ListPoliciesQuery, response: PolicyList }),
    },
    async (request) => {
      const { sort_column = 'POLICY_CREATION_TIME', sort_order = 'DESC' } = request.query;
      const policies = services.clusterPolicies
        .list(request.workspace.namespace)
        .filter(
          (policy) =>
            !policy.metadata.deletionTimestamp &&
            services.permissions.can(request.principal, governedPolicy(policy), 'CAN_USE'),
        )
        .map(toPolicyView);
      const direction = sort_order === 'ASC' ? 1 : -1;
      policies.sort((a, b) =>
        sort_column === 'POLICY_NAME'
          ? direction * a.name.localeCompare(b.name)
          : direction * (a.created_at_timestamp - b.created_at_timestamp),
      );
      return { policies, total_count: policies.length };
    },
  );
};
