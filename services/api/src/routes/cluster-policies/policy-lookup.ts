import type { ClusterPolicyResource } from '@brickyard/common/crd';
import { resourceDoesNotExist } from '../../errors/databricks-error.js';
import type { ApiServices } from '../../services.js';
import { policyResourceName } from './policy-view.js';

export const policyDoesNotExist = (policyId: string) =>
  resourceDoesNotExist(`Can't find a cluster policy with id: ${policyId}`);

export function findPolicy(
  services: ApiServices,
  namespace: string,
  policyId: string,
): ClusterPolicyResource {
  const policy = services.clusterPolicies.get(namespace, policyResourceName(policyId));
  if (!policy || policy.metadata.deletionTimestamp) throw policyDoesNotExist(policyId);
  return policy;
}

/** Policy names are unique in a workspace. */
export function isNameTaken(
  services: ApiServices,
  namespace: string,
  name: string,
  except?: string,
): boolean {
  const exceptName = except === undefined ? undefined : policyResourceName(except);
  return services.clusterPolicies
    .list(namespace)
    .some((policy) => policy.metadata.name !== exceptName && policy.spec.name === name);
}
