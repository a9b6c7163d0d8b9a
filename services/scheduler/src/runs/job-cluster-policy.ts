import { applyPolicy } from '@brickyard/common/cluster-policy';
import type { TaskCompute } from './compute.js';
import type { RunObservations } from './observations.js';

/**
 * A job cluster under the policy it names, applied when the run starts it as Databricks does:
 * the policy's fixed values (and its defaults, with `apply_policy_default_values`) fill the
 * cluster's attributes, as job compute. The API checked the job against the policy when it was
 * saved; a policy changed or deleted since makes the task fail with the reason.
 */
export function withClusterPolicy(
  compute: TaskCompute,
  clusterPolicy: RunObservations['clusterPolicy'],
): TaskCompute {
  if (compute.kind !== 'job') return compute;
  const policyId = compute.attributes.policy_id;
  if (policyId === undefined || policyId === '') return compute;
  const policy = clusterPolicy(policyId);
  if (!policy.found) return { kind: 'invalid', message: policy.message };
  const { attributes, violations } = applyPolicy(compute.attributes, policy.definition, {
    clusterType: 'job',
    applyDefaults: compute.attributes.apply_policy_default_values ?? false,
  });
  if (violations.length > 0) return { kind: 'invalid', message: violations.join('; ') };
  return { ...compute, attributes };
}
