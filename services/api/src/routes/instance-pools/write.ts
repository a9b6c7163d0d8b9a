import type { InstancePoolSpec } from '@brickyard/common/schema';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { invalidParameter } from '../../errors/databricks-error.js';
import { governedPool } from '../../permissions/governed-objects.js';
import type { RouteOptions } from '../../services.js';
import { assertProvisioned } from '../../store/workspace-directory.js';
import { newClusterId } from '../clusters/cluster-id.js';
import { assertPoolFields } from './pool-fields.js';
import { findPool, poolDoesNotExist } from './pool-lookup.js';
import {
  CreatePoolBody,
  CreatePoolResponse,
  EditPoolBody,
  Empty,
  PoolIdBody,
  poolSchema,
} from './pool-schemas.js';
import { poolResource, poolSpecOf, withPoolSpec } from './pool-view.js';

/** Databricks' pool ids: `MMDD-HHMMSS-<word>-pool-<8 characters>`; ours put `pool` for the word. */
function newPoolId(): string {
  const [date, time, suffix] = newClusterId().split('-');
  return `${date}-${time}-pool-${suffix}`;
}

/**
 * Create (workspace admins: the allow-instance-pool-create entitlement is not modelled), edit and
 * delete (CAN_MANAGE on the pool). Deleting a pool removes its resource: the operator's owner
 * references take its idle pods with it; pods clusters took stay theirs.
 */
export const poolWriteRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { instancePools } = services;

  app.post(
    '/create',
    {
      config: { access: 'workspace-admin' as const },
      schema: poolSchema('Create an instance pool', { body: CreatePoolBody, response: CreatePoolResponse }),
    },
    async (request) => {
      const { namespace, workspaceId, resource: workspace } = request.workspace;
      assertProvisioned(workspace);
      assertPoolFields(request.body);
      const spec: InstancePoolSpec = {
        ...request.body,
        creator_user_name: request.principal.userName,
        created_at_timestamp: Date.now(),
      };
      const poolId = newPoolId();
      await instancePools.create(poolResource({ poolId, namespace, workspaceId, spec }));
      return { instance_pool_id: poolId };
    },
  );

  app.post(
    '/edit',
    { schema: poolSchema('Replace an instance pool', { body: EditPoolBody, response: Empty }) },
    async (request) => {
      const { namespace } = request.workspace;
      const { instance_pool_id, ...attributes } = request.body;
      const pool = findPool(services, namespace, instance_pool_id);
      services.permissions.require(request.principal, governedPool(pool), 'CAN_MANAGE');
      assertPoolFields(attributes);
      if (attributes.node_type_id !== pool.spec.nodeTypeId) {
        throw invalidParameter(
          `node_type_id cannot be changed (instance pool ${instance_pool_id} has ${pool.spec.nodeTypeId})`,
        );
      }
      const updated = await instancePools.update(namespace, instance_pool_id, (current) => {
        const { creator_user_name, created_at_timestamp } = poolSpecOf(current);
        return withPoolSpec(current, { ...attributes, creator_user_name, created_at_timestamp });
      });
      if (!updated) throw poolDoesNotExist(instance_pool_id);
      return {};
    },
  );

  app.post(
    '/delete',
    { schema: poolSchema('Delete an instance pool', { body: PoolIdBody, response: Empty }) },
    async (request) => {
      const { namespace } = request.workspace;
      const { instance_pool_id } = request.body;
      const pool = findPool(services, namespace, instance_pool_id);
      services.permissions.require(request.principal, governedPool(pool), 'CAN_MANAGE');
      await instancePools.delete(namespace, instance_pool_id);
      return {};
    },
  );
};
