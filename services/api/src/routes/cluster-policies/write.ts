import { randomBytes } from 'node:crypto';
import type { ClusterPolicySpec } from '@brickyard/common/schema';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { invalidParameter } from '../../errors/databricks-error.js';
import type { RouteOptions } from '../../services.js';
import { assertProvisioned } from '../../store/workspace-directory.js';
import { assertPolicyFields } from './policy-definition.js';
import { findPolicy, isNameTaken, policyDoesNotExist } from './policy-lookup.js';
import {
  CreatePolicyBody,
  CreatePolicyResponse,
  EditPolicyBody,
  Empty,
  PolicyIdOnly,
  policySchema,
} from './policy-schemas.js';
import { policyResource, policyResourceName, policySpecOf, withPolicySpec } from './policy-view.js';

/** Databricks' policy ids: 16 upper-case hex digits. */
const newPolicyId = () => randomBytes(8).toString('hex').toUpperCase();

const nameTaken = (name: string) => invalidParameter(`A cluster policy named ${name} already exists`);

/** Create, edit and delete: workspace admins only, as on Databricks. */
export const policyWriteRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { clusterPolicies } = services;
  const config = { access: 'workspace-admin' as const };

  app.post(
    '/create',
    {
      config,
      schema: policySchema('Create a cluster policy', {
        body: CreatePolicyBody,
        response: CreatePolicyResponse,
      }),
    },
    async (request) => {
      const { namespace, workspaceId, resource: workspace } = request.workspace;
      assertProvisioned(workspace);
      const { name, ...attributes } = request.body;
      if (name === undefined) throw invalidParameter('name is required');
      assertPolicyFields(attributes);
      if (isNameTaken(services, namespace, name)) throw nameTaken(name);
      const spec: ClusterPolicySpec = {
        ...attributes,
        name,
        creator_user_name: request.principal.userName,
        created_at_timestamp: Date.now(),
      };
      const policyId = newPolicyId();
      await clusterPolicies.create(policyResource({ policyId, namespace, workspaceId, spec }));
      return { policy_id: policyId };
    },
  );

  app.post(
    '/edit',
    { config, schema: policySchema('Replace a cluster policy', { body: EditPolicyBody, response: Empty }) },
    async (request) => {
      const { namespace } = request.workspace;
      const { policy_id, name, ...attributes } = request.body;
      findPolicy(services, namespace, policy_id);
      assertPolicyFields(attributes);
      if (name !== undefined && isNameTaken(services, namespace, name, policy_id)) throw nameTaken(name);
      // The edit replaces what a client sets; the name, when left out, stays.
      const updated = await clusterPolicies.update(namespace, policyResourceName(policy_id), (current) => {
        const { creator_user_name, created_at_timestamp, name: currentName } = policySpecOf(current);
        const spec: ClusterPolicySpec = {
          ...attributes,
          name: name ?? currentName,
          creator_user_name,
          created_at_timestamp,
        };
        return withPolicySpec(current, spec);
      });
      if (!updated) throw policyDoesNotExist(policy_id);
      return {};
    },
  );

  app.post(
    '/delete',
    { config, schema: policySchema('Delete a cluster policy', { body: PolicyIdOnly, response: Empty }) },
    async (request) => {
      const { namespace } = request.workspace;
      const { policy_id } = request.body;
      findPolicy(services, namespace, policy_id);
      // Clusters under the policy keep running with the attributes it gave them.
      await clusterPolicies.delete(namespace, policyResourceName(policy_id));
      return {};
    },
  );
};
