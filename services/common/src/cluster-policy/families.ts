/**
 * Policy families: the templates Databricks ships (`/api/2.0/policy-families`), which a policy may
 * start from (`policy_family_id`) and adjust (`policy_family_definition_overrides`). The ids and
 * names are Databricks'; the definitions are Brickyard's own, written for its node types.
 */

export interface PolicyFamily {
  policy_family_id: string;
  name: string;
  description: string;
  /** The family's definition as a JSON string, as the API answers it. */
  definition: string;
}

const family = (
  policy_family_id: string,
  name: string,
  description: string,
  definition: Record<string, unknown>,
): PolicyFamily => ({ policy_family_id, name, description, definition: JSON.stringify(definition) });

const singleNode = {
  'spark_conf.spark.databricks.cluster.profile': { type: 'fixed', value: 'singleNode', hidden: true },
  num_workers: { type: 'fixed', value: 0, hidden: true },
};

export const POLICY_FAMILIES: readonly PolicyFamily[] = [
  family(
    'personal-vm',
    'Personal Compute',
    'Single-node compute for one user, with a bounded size and auto-termination.',
    {
      ...singleNode,
      cluster_type: { type: 'fixed', value: 'all-purpose' },
      node_type_id: { type: 'allowlist', values: ['m5d.large', 'm5d.xlarge'], defaultValue: 'm5d.large' },
      autotermination_minutes: { type: 'range', maxValue: 4320, defaultValue: 60, isOptional: true },
      data_security_mode: { type: 'allowlist', values: ['SINGLE_USER'], defaultValue: 'SINGLE_USER' },
    },
  ),
  family(
    'power-user',
    'Power User Compute',
    'Multi-node all-purpose compute for users who need to scale, with auto-termination.',
    {
      cluster_type: { type: 'fixed', value: 'all-purpose' },
      'autoscale.max_workers': { type: 'range', maxValue: 10, defaultValue: 4, isOptional: true },
      autotermination_minutes: { type: 'range', minValue: 10, maxValue: 4320, defaultValue: 120 },
      data_security_mode: { type: 'allowlist', values: ['SINGLE_USER'], defaultValue: 'SINGLE_USER' },
    },
  ),
  family(
    'shared-compute',
    'Shared Compute',
    'Multi-node compute shared by several users, with Unity Catalog access control.',
    {
      cluster_type: { type: 'fixed', value: 'all-purpose' },
      data_security_mode: { type: 'fixed', value: 'USER_ISOLATION', hidden: true },
      autotermination_minutes: { type: 'range', minValue: 10, maxValue: 4320, defaultValue: 120 },
    },
  ),
  family('job-cluster', 'Job Compute', 'Compute for jobs only: it starts for a run and ends with it.', {
    cluster_type: { type: 'fixed', value: 'job' },
    'autoscale.max_workers': { type: 'range', maxValue: 20, defaultValue: 4, isOptional: true },
    data_security_mode: { type: 'allowlist', values: ['SINGLE_USER'], defaultValue: 'SINGLE_USER' },
  }),
  family(
    'shared-data-science',
    'Legacy Shared Compute',
    'Shared all-purpose compute without Unity Catalog (no isolation between users).',
    {
      cluster_type: { type: 'fixed', value: 'all-purpose' },
      data_security_mode: { type: 'fixed', value: 'NONE', hidden: true },
      autotermination_minutes: { type: 'range', minValue: 10, maxValue: 4320, defaultValue: 120 },
    },
  ),
];

export function policyFamily(policyFamilyId: string): PolicyFamily | undefined {
  return POLICY_FAMILIES.find((candidate) => candidate.policy_family_id === policyFamilyId);
}

/**
 * The definition of a policy made from a family: the family's rules, replaced path by path by the
 * overrides (a JSON object string, like a definition).
 */
export function familyDefinitionJson(family: PolicyFamily, overrides: string | undefined): string {
  if (overrides === undefined || overrides.trim() === '') return family.definition;
  const base = JSON.parse(family.definition) as Record<string, unknown>;
  return JSON.stringify({ ...base, ...(JSON.parse(overrides) as Record<string, unknown>) });
}

/** The fields of a policy that make its definition (the API's names). */
export interface PolicyDefinitionFields {
  definition?: string | undefined;
  policy_family_id?: string | undefined;
  policy_family_definition_overrides?: string | undefined;
}

/** The definition in force, as a JSON string: the policy's own, or its family's with the overrides. */
export function policyDefinitionJson(fields: PolicyDefinitionFields): string {
  const family = fields.policy_family_id === undefined ? undefined : policyFamily(fields.policy_family_id);
  if (family) return familyDefinitionJson(family, fields.policy_family_definition_overrides);
  return fields.definition ?? '{}';
}
