import { type Static, Type } from 'typebox';
import { EpochMillis, FreeForm } from './primitives.js';

/**
 * A cluster policy (the Cluster Policies API, /api/2.0/policies/clusters; sdk-py compute.py
 * `Policy`), in the API's field names; the ClusterPolicy resource stores it in camelCase, named by
 * the policy's id. `definition` is kept as the client's JSON string; a policy made from a family
 * keeps the family and its overrides instead, and its definition follows the family.
 */

/** What a client sets of a policy (CreatePolicy, EditPolicy). */
export const ClusterPolicyAttributes = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  definition: Type.Optional(Type.String({ description: 'a JSON object of attribute paths to limitations' })),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  max_clusters_per_user: Type.Optional(Type.Integer({ minimum: 1 })),
  policy_family_id: Type.Optional(Type.String({ minLength: 1 })),
  policy_family_definition_overrides: Type.Optional(Type.String()),
  libraries: Type.Optional(Type.Array(FreeForm('a library clusters under the policy install'))),
});
export type ClusterPolicyAttributes = Static<typeof ClusterPolicyAttributes>;

export const ClusterPolicySpec = Type.Object({
  ...ClusterPolicyAttributes.properties,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  creator_user_name: Type.String(),
  created_at_timestamp: EpochMillis,
});
export type ClusterPolicySpec = Static<typeof ClusterPolicySpec>;

/** No controller acts on a policy: the API is its only writer. */
export const ClusterPolicyStatus = Type.Object({});
export type ClusterPolicyStatus = Static<typeof ClusterPolicyStatus>;
