import { policyDefinitionJson } from '@brickyard/common/cluster-policy';
import {
  ClusterPolicyKind,
  type ClusterPolicyResource,
  toCamelCase,
  toSnakeCase,
} from '@brickyard/common/crd';
import { ClusterPolicySpec } from '@brickyard/common/schema';
import { API_VERSION, Labels, MANAGED_BY } from '@brickyard/common/vocabulary';
import type { Static } from 'typebox';
import type { PolicyView } from './policy-schemas.js';

/** Policy ids are upper-case hex, as Databricks makes them; resource names must be lower case. */
export const policyResourceName = (policyId: string) => policyId.toLowerCase();
const policyIdOf = (resource: ClusterPolicyResource) => (resource.metadata.name ?? '').toUpperCase();

/** A policy as its ClusterPolicy resource: named by its id, in its workspace's namespace. */
export function policyResource(input: {
  policyId: string;
  namespace: string;
  workspaceId: number;
  spec: ClusterPolicySpec;
}): ClusterPolicyResource {
  return {
    apiVersion: API_VERSION,
    kind: ClusterPolicyKind.kind,
    metadata: {
      name: policyResourceName(input.policyId),
      namespace: input.namespace,
      labels: { [Labels.managedBy]: MANAGED_BY, [Labels.workspaceId]: String(input.workspaceId) },
    },
    spec: toCamelCase(input.spec, ClusterPolicySpec),
  };
}

export function policySpecOf(resource: ClusterPolicyResource): ClusterPolicySpec {
  return toSnakeCase(resource.spec, ClusterPolicySpec);
}

export function withPolicySpec(
  resource: ClusterPolicyResource,
  spec: ClusterPolicySpec,
): ClusterPolicyResource {
  return { ...resource, spec: toCamelCase(spec, ClusterPolicySpec) };
}

/** A policy as the API returns it. */
export function toPolicyView(resource: ClusterPolicyResource): Static<typeof PolicyView> {
  const spec = policySpecOf(resource);
  return {
    ...spec,
    policy_id: policyIdOf(resource),
    definition: policyDefinitionJson(spec),
    is_default: false,
  };
}
