import type { ClusterAttributes } from '../cluster-spec/schema.js';
import { usageRate } from '../cost/usage.js';
import { type AttributeSlot, slotsOf } from './attribute-paths.js';
import type { PolicyDefinition, PolicyRule, PolicyScalar } from './definition.js';

/**
 * A policy applied to a cluster's attributes, as Databricks applies it at create and edit: fixed
 * values fill what the request leaves out (and must match what it gives), default values do so
 * too when the request asks for them (`apply_policy_default_values`), and every other limitation
 * is checked. The result is the attributes to store, or every violation in Databricks' words
 * ("Validation failed for driver_node_type_id, the value must be i3.2xlarge (is "i3.xlarge")").
 */

/** The virtual `cluster_type` attribute: what the cluster is for. */
export type PolicyClusterType = 'all-purpose' | 'job' | 'dlt';

export interface PolicyContext {
  clusterType: PolicyClusterType;
  applyDefaults: boolean;
}

export interface PolicyOutcome {
  attributes: ClusterAttributes;
  violations: string[];
}

/** Attribute paths that are computed rather than given. */
const VIRTUAL = { clusterType: 'cluster_type', dbusPerHour: 'dbus_per_hour' } as const;

const text = (value: unknown): string => (typeof value === 'object' ? JSON.stringify(value) : String(value));
const same = (value: unknown, expected: PolicyScalar): boolean => text(value) === String(expected);
const absent = (value: unknown): boolean => value === undefined || value === null;
const listed = (values: readonly PolicyScalar[]): string => `[${values.map(String).join(', ')}]`;

/** What is wrong with a present value under a rule ("must be ...", "cannot be present"), if anything. */
function valueProblem(rule: PolicyRule, value: unknown): string | undefined {
  const is = ` (is "${text(value)}")`;
  switch (rule.type) {
    case 'fixed':
      return same(value, rule.value) ? undefined : `must be ${String(rule.value)}${is}`;
    case 'forbidden':
      return 'cannot be present';
    case 'allowlist':
      return rule.values.some((allowed) => same(value, allowed))
        ? undefined
        : `must be one of ${listed(rule.values)}${is}`;
    case 'blocklist':
      return rule.values.some((blocked) => same(value, blocked))
        ? `must not be one of ${listed(rule.values)}${is}`
        : undefined;
    case 'regex':
      return new RegExp(`^(?:${rule.pattern})$`).test(text(value))
        ? undefined
        : `must match the regular expression ${rule.pattern}${is}`;
    case 'range': {
      const number = typeof value === 'number' ? value : Number(text(value));
      if (typeof value === 'boolean' || Number.isNaN(number)) return `must be a number${is}`;
      if (rule.minValue !== undefined && number < rule.minValue)
        return `must be at least ${rule.minValue}${is}`;
      if (rule.maxValue !== undefined && number > rule.maxValue)
        return `must be at most ${rule.maxValue}${is}`;
      return undefined;
    }
    case 'unlimited':
      return undefined;
  }
}

/** Applies one rule to one slot: fills it where the rule says so, else returns its problem. */
function applyToSlot(rule: PolicyRule, slot: AttributeSlot, applyDefaults: boolean): string | undefined {
  const value = slot.read();
  if (!absent(value)) return valueProblem(rule, value);
  if (rule.type === 'fixed') {
    slot.write?.(rule.value);
    return undefined;
  }
  if (rule.type === 'forbidden') return undefined;
  if (applyDefaults && rule.defaultValue !== undefined && slot.write) {
    slot.write(rule.defaultValue);
    return undefined;
  }
  return rule.isOptional ? undefined : 'must be present';
}

/** Databricks' sentence for a problem at a slot: map keys are named after their map. */
function violation(slot: AttributeSlot, problem: string): string {
  if (slot.mapKey) return `Validation failed for ${slot.mapKey.attribute}, ${slot.mapKey.key} ${problem}`;
  return `Validation failed for ${slot.path}, the value ${problem}`;
}

/** The most DBUs an hour the cluster can use: its driver and its largest number of workers. */
function maxDbusPerHour(attributes: ClusterAttributes, clusterType: PolicyClusterType): number {
  const workers = attributes.autoscale?.max_workers ?? attributes.num_workers ?? 0;
  const driver = attributes.driver_node_type_id ?? attributes.node_type_id;
  const nodes = [driver, ...Array<string | undefined>(workers).fill(attributes.node_type_id)];
  const rate = usageRate(nodes, clusterType === 'job' ? 'JOBS' : 'ALL_PURPOSE');
  return Math.round(rate.dbusPerHour * 100) / 100;
}

function virtualSlot(path: string, value: unknown): AttributeSlot {
  return { path, read: () => value, write: undefined };
}

export function applyPolicy(
  requested: ClusterAttributes,
  definition: PolicyDefinition,
  context: PolicyContext,
): PolicyOutcome {
  const attributes = structuredClone(requested) as ClusterAttributes & Record<string, unknown>;
  const violations: string[] = [];
  const check = (rule: PolicyRule, slot: AttributeSlot) => {
    const problem = applyToSlot(rule, slot, context.applyDefaults);
    if (problem !== undefined) violations.push(violation(slot, problem));
  };
  for (const [path, rule] of definition) {
    if (path === VIRTUAL.clusterType) check(rule, virtualSlot(path, context.clusterType));
    else if (path !== VIRTUAL.dbusPerHour) for (const slot of slotsOf(attributes, path)) check(rule, slot);
  }
  // Computed last: it depends on the node types and sizes the other rules may have set.
  const dbusRule = definition.get(VIRTUAL.dbusPerHour);
  if (dbusRule) {
    check(dbusRule, virtualSlot(VIRTUAL.dbusPerHour, maxDbusPerHour(attributes, context.clusterType)));
  }
  return { attributes, violations };
}
