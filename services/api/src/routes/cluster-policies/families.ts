import { POLICY_FAMILIES, policyFamily } from '@brickyard/common/cluster-policy';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { resourceDoesNotExist } from '../../errors/databricks-error.js';
import { pageOf } from '../paging.js';
import {
  ListPolicyFamiliesQuery,
  PolicyFamilyList,
  PolicyFamilyParams,
  PolicyFamilyView,
  policySchema,
} from './policy-schemas.js';

/** The policy families (/api/2.0/policy-families): the same built-in list in every workspace. */
export const policyFamilyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      schema: policySchema('List policy families', {
        querystring: ListPolicyFamiliesQuery,
        response: PolicyFamilyList,
      }),
    },
    async (request) => {
      const { max_results, page_token } = request.query;
      const page = pageOf([...POLICY_FAMILIES], max_results, page_token);
      const { next_page_token } = page.tokens;
      return { policy_families: page.items, ...(next_page_token ? { next_page_token } : {}) };
    },
  );

  app.get(
    '/:policy_family_id',
    {
      schema: policySchema('Get a policy family', { params: PolicyFamilyParams, response: PolicyFamilyView }),
    },
    async (request) => {
      const family = policyFamily(request.params.policy_family_id);
      if (!family)
        throw resourceDoesNotExist(`Policy family ${request.params.policy_family_id} does not exist`);
      return family;
    },
  );
};
