import { type Static, Type } from 'typebox';
import { EpochMillis, StringEnum, StringMap } from './primitives.js';

/**
 * SQL warehouses in the SQL Warehouses API's own field names (snake_case); the Warehouse CRD
 * stores the same fields in camelCase. The sizes and what each runs on: warehouse-spec/sizes.ts.
 */

export const CLUSTER_SIZES = [
  '2X-Small',
  'X-Small',
  'Small',
  'Medium',
  'Large',
  'X-Large',
  '2X-Large',
  '3X-Large',
  '4X-Large',
] as const;
export type ClusterSize = (typeof CLUSTER_SIZES)[number];

const WAREHOUSE_TYPES = ['CLASSIC', 'PRO', 'TYPE_UNSPECIFIED'] as const;
const SPOT_INSTANCE_POLICIES = ['COST_OPTIMIZED', 'RELIABILITY_OPTIMIZED', 'POLICY_UNSPECIFIED'] as const;
const CHANNEL_NAMES = [
  'CHANNEL_NAME_CURRENT',
  'CHANNEL_NAME_PREVIEW',
  'CHANNEL_NAME_PREVIOUS',
  'CHANNEL_NAME_CUSTOM',
] as const;
export const WAREHOUSE_STATES = [
  'STARTING',
  'RUNNING',
  'STOPPING',
  'STOPPED',
  'DELETING',
  'DELETED',
] as const;
export type WarehouseState = (typeof WAREHOUSE_STATES)[number];
const HEALTH_STATUSES = ['HEALTHY', 'DEGRADED', 'FAILED'] as const;

const EndpointTags = Type.Object({
  custom_tags: Type.Optional(
    Type.Array(Type.Object({ key: Type.String({ minLength: 1 }), value: Type.String() }), { maxItems: 45 }),
  ),
});

const Channel = Type.Object({
  name: Type.Optional(StringEnum(CHANNEL_NAMES)),
  dbsql_version: Type.Optional(Type.String()),
});

/** What a client sends to create and edit (every field optional; defaults.ts fills them in). */
export const WarehouseAttributes = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 100 })),
  cluster_size: Type.Optional(StringEnum(CLUSTER_SIZES)),
  min_num_clusters: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
  max_num_clusters: Type.Optional(Type.Integer({ minimum: 1, maximum: 40 })),
  auto_stop_mins: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 10000, description: '0 never stops; otherwise at least 10' }),
  ),
  enable_photon: Type.Optional(Type.Boolean()),
  enable_serverless_compute: Type.Optional(Type.Boolean()),
  warehouse_type: Type.Optional(StringEnum(WAREHOUSE_TYPES)),
  spot_instance_policy: Type.Optional(StringEnum(SPOT_INSTANCE_POLICIES)),
  tags: Type.Optional(EndpointTags),
  channel: Type.Optional(Channel),
});
export type WarehouseAttributes = Static<typeof WarehouseAttributes>;

/** The Warehouse resource's spec: the attributes with defaults, plus the API's own controls. */
export const WarehouseSpec = Type.Object({
  ...WarehouseAttributes.properties,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  cluster_size: StringEnum(CLUSTER_SIZES),
  creator_name: Type.Optional(Type.String()),
  desired_state: StringEnum(['RUNNING', 'STOPPED', 'DELETED'], {
    description: 'RUNNING after create and start, STOPPED after stop, DELETED after delete',
  }),
  start_generation: Type.Optional(
    Type.Integer({
      minimum: 0,
      description: 'each start increments it, also of a warehouse stopped when idle',
    }),
  ),
});
export type WarehouseSpec = Static<typeof WarehouseSpec>;

const Health = Type.Object({
  status: StringEnum(HEALTH_STATUSES),
  summary: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  failure_reason: Type.Optional(
    Type.Object({
      code: Type.String(),
      type: Type.Optional(Type.String()),
      parameters: Type.Optional(StringMap()),
    }),
  ),
});

/** Written by the operator only. */
export const WarehouseStatus = Type.Object({
  state: Type.Optional(StringEnum(WAREHOUSE_STATES)),
  health: Type.Optional(Health),
  num_clusters: Type.Optional(Type.Integer({ minimum: 0 })),
  cluster_id: Type.Optional(Type.String({ description: "the Cluster that is the warehouse's compute" })),
  deleted_time: Type.Optional(EpochMillis),
  observed_generation: Type.Optional(Type.Integer()),
});
export type WarehouseStatus = Static<typeof WarehouseStatus>;
