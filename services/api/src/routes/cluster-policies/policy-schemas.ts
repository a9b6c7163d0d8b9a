import { ClusterPolicyAttributes, EpochMillis, FreeForm } from '@brickyard/common/schema';
import { type TSchema, Type } from 'typebox';

/** The Cluster Policies API's shapes (sdk-py compute.py: Policy, CreatePolicy, EditPolicy, PolicyFamily). */

/** `policy_id` alone: the query of get, the body of delete. */
export const PolicyIdOnly = Type.Object({ policy_id: Type.String({ minLength: 1 }) });
export const Empty = Type.Object({});

export const CreatePolicyBody = ClusterPolicyAttributes;
export const EditPolicyBody = Type.Object({
  ...ClusterPolicyAttributes.properties,
  ...PolicyIdOnly.properties,
});
export const CreatePolicyResponse = Type.Object({ policy_id: Type.String() });

export const ListPoliciesQuery = Type.Object({
  sort_column: Type.Optional(Type.Union([Type.Literal('POLICY_CREATION_TIME'), Type.Literal('POLICY_NAME')])),
  sort_order: Type.Optional(Type.Union([Type.Literal('ASC'), Type.Literal('DESC')])),
});

/** A policy as get and list return it: `definition` is the one in force (a family's, overridden). */
export const PolicyView = Type.Object({
  policy_id: Type.String(),
  name: Type.String(),
  definition: Type.String(),
  description: Type.Optional(Type.String()),
  creator_user_name: Type.String(),
  created_at_timestamp: EpochMillis,
  max_clusters_per_user: Type.Optional(Type.Integer()),
  policy_family_id: Type.Optional(Type.String()),
  policy_family_definition_overrides: Type.Optional(Type.String()),
  libraries: Type.Optional(Type.Array(FreeForm())),
  is_default: Type.Boolean(),
});

export const PolicyList = Type.Object({
  policies: Type.Array(PolicyView),
  total_count: Type.Integer({ minimum: 0 }),
});

export const PolicyFamilyView = Type.Object({
  policy_family_id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  definition: Type.String(),
});

export const PolicyFamilyParams = Type.Object({ policy_family_id: Type.String({ minLength: 1 }) });

export const ListPolicyFamiliesQuery = Type.Object({
  max_results: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  page_token: Type.Optional(Type.String()),
});

export const PolicyFamilyList = Type.Object({
  policy_families: Type.Array(PolicyFamilyView),
  next_page_token: Type.Optional(Type.String()),
});

/** The OpenAPI schema of a Cluster Policies API route: its parts, and its 200 response. */
export function policySchema<R extends TSchema, P extends object>(
  summary: string,
  parts: P & { response: R },
) {
  const { response, ...rest } = parts;
  return { tags: ['cluster-policies'], summary, ...rest, response: { 200: response } };
}
