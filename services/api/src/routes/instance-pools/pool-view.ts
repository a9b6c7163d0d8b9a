import { InstancePoolKind, type InstancePoolResource, toCamelCase, toSnakeCase } from '@brickyard/common/crd';
import { InstancePoolSpec, InstancePoolStatus } from '@brickyard/common/schema';
import { API_VERSION, Labels, MANAGED_BY } from '@brickyard/common/vocabulary';
import type { Static } from 'typebox';
import type { PoolView } from './pool-schemas.js';

const NO_INSTANCES = { used_count: 0, idle_count: 0, pending_used_count: 0, pending_idle_count: 0 };

/** A pool as its InstancePool resource: named by its id, in its workspace's namespace. */
export function poolResource(input: {
  poolId: string;
  namespace: string;
  workspaceId: number;
  spec: InstancePoolSpec;
}): InstancePoolResource {
  return {
    apiVersion: API_VERSION,
    kind: InstancePoolKind.kind,
    metadata: {
      name: input.poolId,
      namespace: input.namespace,
      labels: { [Labels.managedBy]: MANAGED_BY, [Labels.workspaceId]: String(input.workspaceId) },
    },
    spec: toCamelCase(input.spec, InstancePoolSpec),
  };
}

export function poolSpecOf(resource: InstancePoolResource): InstancePoolSpec {
  return toSnakeCase(resource.spec, InstancePoolSpec);
}

export function withPoolSpec(resource: InstancePoolResource, spec: InstancePoolSpec): InstancePoolResource {
  return { ...resource, spec: toCamelCase(spec, InstancePoolSpec) };
}

/**
 * A pool as the API returns it: the operator's stats once it has seen the pool, ACTIVE until then
 * (a pool is usable as soon as it is made: clusters fall back to cold instances).
 */
export function toPoolView(resource: InstancePoolResource): Static<typeof PoolView> {
  const spec = poolSpecOf(resource);
  const status = resource.status ? toSnakeCase(resource.status, InstancePoolStatus) : {};
  const poolId = resource.metadata.name ?? '';
  return {
    ...spec,
    instance_pool_id: poolId,
    state: status.state ?? 'ACTIVE',
    stats: status.stats ?? NO_INSTANCES,
    default_tags: {
      Vendor: 'Databricks',
      DatabricksInstancePoolCreatorId: spec.creator_user_name,
      DatabricksInstancePoolId: poolId,
    },
  };
}
