import { type Static, Type } from 'typebox';
import { WORKLOADS } from '../catalog/prices.js';
import { Condition } from '../schema/conditions.js';
import { EpochMillis, FreeForm, StringEnum, StringMap } from '../schema/primitives.js';

/**
 * The schema of the cluster spec (part of the cluster-spec module; `@brickyard/common/schema`
 * re-exports it beside the other resources' schemas).
 *
 * Clusters, in the Databricks Clusters API's own field names (snake_case). The CRD stores the same
 * fields in camelCase; `case-conversion.ts` maps between the two using these schemas.
 */

export const CLUSTER_STATES = [
  'PENDING',
  'RUNNING',
  'RESTARTING',
  'RESIZING',
  'TERMINATING',
  'TERMINATED',
  'ERROR',
  'UNKNOWN',
] as const;
export type ClusterState = (typeof CLUSTER_STATES)[number];

export const CLUSTER_SOURCES = ['API', 'UI', 'JOB', 'PIPELINE', 'SQL', 'MODELS', 'SOFT_DELETE'] as const;

export const Autoscale = Type.Object({
  min_workers: Type.Integer({ minimum: 0, maximum: 1000 }),
  max_workers: Type.Integer({
    minimum: 1,
    maximum: 1000,
    description: 'strictly greater than min_workers (rules.ts); a fixed size is num_workers',
  }),
});

export type Autoscale = Static<typeof Autoscale>;

/** What a client sends to clusters/create and clusters/edit, and a job's new_cluster. */
export const ClusterAttributes = Type.Object({
  cluster_name: Type.Optional(Type.String({ maxLength: 100 })),
  spark_version: Type.String({ minLength: 1, description: 'a key from clusters/spark-versions' }),
  node_type_id: Type.Optional(Type.String({ minLength: 1 })),
  driver_node_type_id: Type.Optional(Type.String({ minLength: 1 })),
  num_workers: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  autoscale: Type.Optional(Autoscale),
  autotermination_minutes: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 10000, description: '0 disables; otherwise 10 to 10000' }),
  ),
  spark_conf: Type.Optional(StringMap()),
  spark_env_vars: Type.Optional(StringMap()),
  custom_tags: Type.Optional(StringMap()),
  aws_attributes: Type.Optional(FreeForm()),
  init_scripts: Type.Optional(Type.Array(FreeForm())),
  cluster_log_conf: Type.Optional(FreeForm()),
  docker_image: Type.Optional(FreeForm()),
  workload_type: Type.Optional(FreeForm()),
  ssh_public_keys: Type.Optional(Type.Array(Type.String())),
  instance_pool_id: Type.Optional(Type.String()),
  driver_instance_pool_id: Type.Optional(Type.String()),
  policy_id: Type.Optional(Type.String()),
  apply_policy_default_values: Type.Optional(Type.Boolean()),
  enable_elastic_disk: Type.Optional(Type.Boolean()),
  enable_local_disk_encryption: Type.Optional(Type.Boolean()),
  data_security_mode: Type.Optional(Type.String()),
  single_user_name: Type.Optional(Type.String()),
  runtime_engine: Type.Optional(StringEnum(['NULL', 'STANDARD', 'PHOTON'])),
  is_single_node: Type.Optional(Type.Boolean()),
  kind: Type.Optional(Type.String()),
  use_ml_runtime: Type.Optional(Type.Boolean()),
});
export type ClusterAttributes = Static<typeof ClusterAttributes>;

/** The Cluster resource's spec: the attributes plus the controls the API sets on the user's behalf. */
export const ClusterSpec = Type.Object({
  ...ClusterAttributes.properties,
  desired_state: StringEnum(['RUNNING', 'TERMINATED'], {
    description: 'RUNNING until clusters/delete terminates the cluster; clusters/start sets it back',
  }),
  restart_generation: Type.Optional(
    Type.Integer({ minimum: 0, description: 'clusters/restart increments it' }),
  ),
  pinned: Type.Optional(Type.Boolean()),
  cluster_source: Type.Optional(StringEnum(CLUSTER_SOURCES)),
  creator_user_name: Type.Optional(Type.String()),
  libraries: Type.Optional(
    Type.Array(FreeForm(), {
      description: 'the Libraries API: libraries to install on every node, in the order they were added',
    }),
  ),
});
export type ClusterSpec = Static<typeof ClusterSpec>;

const TerminationReason = Type.Object({
  code: Type.String(),
  type: Type.Optional(StringEnum(['SUCCESS', 'CLIENT_ERROR', 'SERVICE_FAULT', 'CLOUD_FAILURE'])),
  parameters: Type.Optional(StringMap()),
});

const SparkNode = Type.Object({
  node_id: Type.Optional(Type.String()),
  instance_id: Type.Optional(Type.String()),
  private_ip: Type.Optional(Type.String()),
  host_private_ip: Type.Optional(Type.String()),
  start_timestamp: Type.Optional(EpochMillis),
});

export const ClusterEvent = Type.Object({
  cluster_id: Type.String(),
  timestamp: EpochMillis,
  type: Type.String(),
  details: Type.Optional(FreeForm()),
});
export type ClusterEvent = Static<typeof ClusterEvent>;

const Dollars = Type.Number({ minimum: 0 });

/** The rate at which a cluster spends while its current instances run (estimates, see prices.ts). */
const UsageRate = Type.Object({
  instances: Type.Integer({ minimum: 0 }),
  dbus_per_hour: Dollars,
  ec2_dollars_per_hour: Dollars,
  dbu_dollars_per_hour: Dollars,
});

/** Estimated usage accrued up to accrued_until; the rate applies from then on. */
const ClusterUsage = Type.Object({
  workload: StringEnum(WORKLOADS),
  dbus: Dollars,
  ec2_dollars: Dollars,
  dbu_dollars: Dollars,
  rate: UsageRate,
  accrued_until: EpochMillis,
});

/** Written by the operator only. */
export const ClusterStatus = Type.Object({
  state: Type.Optional(StringEnum(CLUSTER_STATES)),
  state_message: Type.Optional(Type.String()),
  start_time: Type.Optional(EpochMillis),
  terminated_time: Type.Optional(EpochMillis),
  last_restarted_time: Type.Optional(EpochMillis),
  last_activity_time: Type.Optional(EpochMillis),
  termination_reason: Type.Optional(TerminationReason),
  driver: Type.Optional(SparkNode),
  executors: Type.Optional(Type.Array(SparkNode)),
  desired_workers: Type.Optional(Type.Integer({ minimum: 0 })),
  ready_workers: Type.Optional(Type.Integer({ minimum: 0 })),
  cluster_cores: Type.Optional(Type.Number({ minimum: 0 })),
  cluster_memory_mb: Type.Optional(Type.Integer({ minimum: 0 })),
  observed_generation: Type.Optional(Type.Integer()),
  observed_restart_generation: Type.Optional(Type.Integer()),
  events: Type.Optional(Type.Array(ClusterEvent, { description: 'the most recent cluster events' })),
  conditions: Type.Optional(Type.Array(Condition)),
  usage: Type.Optional(ClusterUsage),
});
export type ClusterStatus = Static<typeof ClusterStatus>;
