import {
  EpochMillis,
  FreeForm,
  InstancePoolAttributes,
  InstancePoolStats,
  StringMap,
} from '@brickyard/common/schema';
import { type TSchema, Type } from 'typebox';

/** The Instance Pools API's shapes (sdk-py compute.py: CreateInstancePool, EditInstancePool, InstancePoolAndStats). */

const PoolId = { instance_pool_id: Type.String({ minLength: 1 }) };
export const PoolIdQuery = Type.Object(PoolId);
export const PoolIdBody = Type.Object(PoolId);
export const Empty = Type.Object({});

export const CreatePoolBody = InstancePoolAttributes;
export const EditPoolBody = Type.Object({ ...InstancePoolAttributes.properties, ...PoolId });
export const CreatePoolResponse = Type.Object({ instance_pool_id: Type.String() });

/** A pool as get and list return it. */
export const PoolView = Type.Object({
  ...InstancePoolAttributes.properties,
  instance_pool_id: Type.String(),
  state: Type.String({ description: 'ACTIVE, STOPPED or DELETED' }),
  stats: InstancePoolStats,
  default_tags: StringMap(),
  status: Type.Optional(FreeForm('pending_instance_errors')),
  creator_user_name: Type.Optional(Type.String()),
  created_at_timestamp: Type.Optional(EpochMillis),
});

export const PoolList = Type.Object({ instance_pools: Type.Optional(Type.Array(PoolView)) });

/** The OpenAPI schema of an Instance Pools API route: its parts, and its 200 response. */
export function poolSchema<R extends TSchema, P extends object>(summary: string, parts: P & { response: R }) {
  const { response, ...rest } = parts;
  return { tags: ['instance-pools'], summary, ...rest, response: { 200: response } };
}
