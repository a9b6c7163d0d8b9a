import { type Static, Type } from 'typebox';
import { EpochMillis, FreeForm, StringEnum, StringMap } from './primitives.js';

/**
 * An instance pool (the Instance Pools API, /api/2.0/instance-pools; sdk-py compute.py
 * `InstancePoolAndStats`), in the API's field names; the InstancePool resource stores it in
 * camelCase, named by the pool's id. The API writes the spec, the operator the status.
 */

/** What a client sets of a pool (CreateInstancePool, EditInstancePool). */
export const InstancePoolAttributes = Type.Object({
  instance_pool_name: Type.String({ minLength: 1, maxLength: 100 }),
  node_type_id: Type.String({ minLength: 1 }),
  min_idle_instances: Type.Optional(Type.Integer({ minimum: 0 })),
  max_capacity: Type.Optional(Type.Integer({ minimum: 0 })),
  idle_instance_autotermination_minutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  aws_attributes: Type.Optional(FreeForm('availability, zone_id, spot_bid_price_percent')),
  custom_tags: Type.Optional(StringMap()),
  disk_spec: Type.Optional(FreeForm('disk_type, disk_count, disk_size')),
  enable_elastic_disk: Type.Optional(Type.Boolean()),
  preloaded_spark_versions: Type.Optional(Type.Array(Type.String())),
});
export type InstancePoolAttributes = Static<typeof InstancePoolAttributes>;

export const InstancePoolSpec = Type.Object({
  ...InstancePoolAttributes.properties,
  creator_user_name: Type.String(),
  created_at_timestamp: EpochMillis,
});
export type InstancePoolSpec = Static<typeof InstancePoolSpec>;

/** The pool's instances by what they do: idle (warm, no cluster) or used (adopted by a cluster). */
export const InstancePoolStats = Type.Object({
  used_count: Type.Integer({ minimum: 0 }),
  idle_count: Type.Integer({ minimum: 0 }),
  pending_used_count: Type.Integer({ minimum: 0 }),
  pending_idle_count: Type.Integer({ minimum: 0 }),
});
export type InstancePoolStats = Static<typeof InstancePoolStats>;

export const InstancePoolStatus = Type.Object({
  state: Type.Optional(StringEnum(['ACTIVE', 'STOPPED', 'DELETED'])),
  stats: Type.Optional(InstancePoolStats),
  observed_generation: Type.Optional(Type.Integer()),
});
export type InstancePoolStatus = Static<typeof InstancePoolStatus>;
