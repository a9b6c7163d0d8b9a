import {
  type PolicyDefinition,
  parseDefinition,
  policyDefinitionJson,
  policyFamily,
} from '@brickyard/common/cluster-policy';
import type { ClusterPolicyAttributes } from '@brickyard/common/schema';
import { invalidParameter } from '../../errors/databricks-error.js';

/**
 * The definition a policy's fields describe: its own, or its family's with the overrides. Checked
 * when a policy is saved, so a stored policy always has one that parses.
 */

/** The policy's rules; a definition that does not parse is refused in Databricks' words. */
export function definitionOf(spec: ClusterPolicyAttributes): PolicyDefinition {
  const parsed = parseDefinition(policyDefinitionJson(spec));
  if ('problem' in parsed) throw invalidParameter(parsed.problem);
  return parsed.definition;
}

/** Refuses fields that contradict each other, a family that does not exist and malformed rules. */
export function assertPolicyFields(attributes: ClusterPolicyAttributes): void {
  const { definition, policy_family_id, policy_family_definition_overrides } = attributes;
  if (policy_family_id !== undefined) {
    if (definition !== undefined && definition.trim() !== '') {
      throw invalidParameter('A policy takes either a definition or a policy_family_id, not both');
    }
    if (!policyFamily(policy_family_id)) {
      throw invalidParameter(`Policy family ${policy_family_id} does not exist`);
    }
    if (policy_family_definition_overrides !== undefined) {
      const overrides = parseDefinition(policy_family_definition_overrides);
      if ('problem' in overrides) {
        throw invalidParameter(`policy_family_definition_overrides: ${overrides.problem}`);
      }
    }
  } else if (policy_family_definition_overrides !== undefined) {
    throw invalidParameter('policy_family_definition_overrides needs a policy_family_id');
  }
  definitionOf(attributes);
}
