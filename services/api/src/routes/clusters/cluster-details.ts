import { reportedState } from '@brickyard/common/cluster-spec';
import type { ClusterResource } from '@brickyard/common/crd';
import { toSnakeCase } from '@brickyard/common/crd';
import {
  Autoscale,
  CLUSTER_SOURCES,
  CLUSTER_STATES,
  ClusterAttributes,
  ClusterSpec,
  ClusterStatus,
  StringEnum,
  StringMap,
} from '@brickyard/common/schema';
import { Type } from 'typebox';

/** What the operator reports that a client sees as it is. */
const {
  start_time,
  terminated_time,
  last_restarted_time,
  last_activity_time,
  termination_reason,
  driver,
  executors,
  cluster_cores,
  cluster_memory_mb,
} = ClusterStatus.properties;
const reportedStatus = {
  start_time,
  terminated_time,
  last_restarted_time,
  last_activity_time,
  termination_reason,
  driver,
  executors,
  cluster_cores,
  cluster_memory_mb,
};

/** ClusterDetails as clusters/get and clusters/list return it. */
export const ClusterDetails = Type.Object({
  ...ClusterAttributes.properties,
  cluster_id: Type.String(),
  state: StringEnum(CLUSTER_STATES),
  state_message: Type.String(),
  ...reportedStatus,
  creator_user_name: Type.Optional(Type.String()),
  cluster_source: Type.Optional(StringEnum(CLUSTER_SOURCES)),
  default_tags: StringMap(),
  autoscale: Type.Optional(Autoscale),
  spec: ClusterAttributes,
});

/** The cluster attributes a client set (without the API's own controls). */
export function clusterAttributes(resource: ClusterResource): ClusterAttributes {
  const { desired_state, restart_generation, pinned, cluster_source, creator_user_name, ...attributes } =
    toSnakeCase(resource.spec, ClusterSpec);
  return attributes;
}

/**
 * Cached resources are replaced, never mutated, so the view of one resource object can be
 * computed once and reused by every read until the object changes.
 */
const detailsByResource = new WeakMap<ClusterResource, ReturnType<typeof computeClusterDetails>>();

export function toClusterDetails(resource: ClusterResource) {
  let details = detailsByResource.get(resource);
  if (!details) {
    details = computeClusterDetails(resource);
    detailsByResource.set(resource, details);
  }
  return details;
}

function computeClusterDetails(resource: ClusterResource) {
  const clusterId = resource.metadata.name as string;
  const spec = toSnakeCase(resource.spec, ClusterSpec);
  const status = resource.status ? toSnakeCase(resource.status, ClusterStatus) : {};
  const attributes = clusterAttributes(resource);
  // What the operator published (PENDING before it has): never a prediction.
  const state = reportedState(resource);
  return {
    ...attributes,
    ...(attributes.autoscale && status.ready_workers !== undefined
      ? { num_workers: status.ready_workers }
      : {}),
    cluster_id: clusterId,
    state,
    state_message:
      status.state_message ??
      (state === 'PENDING' ? 'Waiting for the operator to provision the cluster' : ''),
    ...pick(status, ['start_time', 'terminated_time', 'last_restarted_time', 'last_activity_time']),
    ...pick(status, ['termination_reason', 'driver', 'executors', 'cluster_cores', 'cluster_memory_mb']),
    ...(spec.creator_user_name ? { creator_user_name: spec.creator_user_name } : {}),
    cluster_source: spec.cluster_source ?? 'API',
    default_tags: {
      Vendor: 'Databricks',
      Creator: spec.creator_user_name ?? '',
      ClusterName: attributes.cluster_name ?? '',
      ClusterId: clusterId,
    },
    spec: attributes,
  };
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
