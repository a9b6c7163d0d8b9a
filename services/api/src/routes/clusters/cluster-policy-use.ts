import { applyPolicy, type PolicyClusterType } from '@brickyard/common/cluster-policy';
import { reportedState } from '@brickyard/common/cluster-spec';
import type { ClusterPolicyResource } from '@brickyard/common/crd';
import type { ClusterAttributes } from '@brickyard/common/schema';
import type { FastifyRequest } from 'fastify';
import { invalidParameter } from '../../errors/databricks-error.js';
import { governedPolicy } from '../../permissions/governed-objects.js';
import type { ApiServices } from '../../services.js';
import { definitionOf } from '../cluster-policies/policy-definition.js';
import { policyResourceName, policySpecOf } from '../cluster-policies/policy-view.js';

/** A cluster's attributes under the policy it names, and that policy (none when it names none). */
export interface PolicedAttributes {
  attributes: ClusterAttributes;
  policy: ClusterPolicyResource | undefined;
}

/**
 * Applies the policy a cluster names (`policy_id`), which the caller must be allowed to use
 * (CAN_USE), as Databricks does at create and edit: fixed
 * values, and defaults when `apply_policy_default_values` is set, fill the attributes; every
 * violation is refused at once, joined by "; ".
 */
export function applyClusterPolicy(
  services: ApiServices,
  request: FastifyRequest,
  requested: ClusterAttributes,
  clusterType: PolicyClusterType,
): PolicedAttributes {
  const policyId = requested.policy_id;
  if (policyId === undefined || policyId === '') return { attributes: requested, policy: undefined };
  const policy = services.clusterPolicies.get(request.workspace.namespace, policyResourceName(policyId));
  if (!policy || policy.metadata.deletionTimestamp) {
    throw invalidParameter(`Cluster policy ${policyId} does not exist`);
  }
  services.permissions.require(request.principal, governedPolicy(policy), 'CAN_USE');
  const { attributes, violations } = applyPolicy(requested, definitionOf(policySpecOf(policy)), {
    clusterType,
    applyDefaults: requested.apply_policy_default_values ?? false,
  });
  if (violations.length > 0) throw invalidParameter(violations.join('; '));
  return { attributes, policy };
}

/** A policy's `max_clusters_per_user`, as a limit ClusterLimit checks at create. */
export interface PolicyUserLimit {
  key: string;
  limit: number;
  count: () => number;
  refusal: string;
}

/** Counts the caller's active clusters under the policy (terminated ones do not count). */
export function policyUserLimit(
  services: ApiServices,
  namespace: string,
  policy: ClusterPolicyResource | undefined,
  userName: string,
): PolicyUserLimit | undefined {
  const limit = policy?.spec.maxClustersPerUser;
  if (!policy || limit === undefined) return undefined;
  const resourceName = policy.metadata.name ?? '';
  const count = () =>
    services.clusters
      .list(namespace)
      .filter(
        (cluster) =>
          policyResourceName(cluster.spec.policyId ?? '') === resourceName &&
          cluster.spec.creatorUserName === userName &&
          !['TERMINATED', 'TERMINATING', 'ERROR'].includes(reportedState(cluster)),
      ).length;
  return {
    key: `${namespace}/policy/${resourceName}/${userName}`,
    limit,
    count,
    refusal: `The cluster policy ${policy.spec.name} allows at most ${limit} active clusters per user`,
  };
}
