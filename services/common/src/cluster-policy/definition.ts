/**
 * A cluster policy's definition: a JSON object from attribute paths (`spark_version`,
 * `autoscale.max_workers`, `spark_conf.spark.sql.shuffle.partitions`, `init_scripts.*.s3.destination`,
 * the virtual `cluster_type` and `dbus_per_hour`) to one limitation each, as Databricks' compute
 * policy reference defines them. Parsing turns the client's JSON string into typed rules, or says
 * what is wrong with it: Databricks itself accepts a malformed definition and fails only when a
 * cluster uses it; refusing it at once is the clearer answer.
 */

export type PolicyScalar = string | number | boolean;

interface RuleBase {
  /** Only hides the field in the UI; the limitation holds either way. */
  hidden?: boolean;
}

/** Limitations that leave a choice: the attribute is required unless `isOptional`. */
interface ChoiceRule extends RuleBase {
  defaultValue?: PolicyScalar;
  isOptional?: boolean;
}

export type PolicyRule =
  | (RuleBase & { type: 'fixed'; value: PolicyScalar })
  | (RuleBase & { type: 'forbidden' })
  | (ChoiceRule & { type: 'allowlist'; values: PolicyScalar[] })
  | (ChoiceRule & { type: 'blocklist'; values: PolicyScalar[] })
  | (ChoiceRule & { type: 'regex'; pattern: string })
  | (ChoiceRule & { type: 'range'; minValue?: number; maxValue?: number })
  | (ChoiceRule & { type: 'unlimited' });

export type PolicyDefinition = ReadonlyMap<string, PolicyRule>;

export type ParsedDefinition = { definition: PolicyDefinition } | { problem: string };

const isScalar = (value: unknown): value is PolicyScalar =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The problem with one rule's fields, or undefined when it is well formed. */
function ruleProblem(rule: Record<string, unknown>): string | undefined {
  const { type, value, values, pattern, minValue, maxValue, defaultValue, isOptional, hidden } = rule;
  if (hidden !== undefined && typeof hidden !== 'boolean') return '"hidden" must be a boolean';
  if (isOptional !== undefined && typeof isOptional !== 'boolean') return '"isOptional" must be a boolean';
  if (defaultValue !== undefined && !isScalar(defaultValue)) {
    return '"defaultValue" must be a string, number or boolean';
  }
  switch (type) {
    case 'fixed':
      return isScalar(value) ? undefined : 'a fixed limitation needs a "value" (string, number or boolean)';
    case 'forbidden':
    case 'unlimited':
      return undefined;
    case 'allowlist':
    case 'blocklist':
      return Array.isArray(values) && values.length > 0 && values.every(isScalar)
        ? undefined
        : `an ${type} limitation needs a non-empty "values" array of strings, numbers or booleans`;
    case 'regex':
      if (typeof pattern !== 'string') return 'a regex limitation needs a "pattern" string';
      try {
        new RegExp(pattern);
        return undefined;
      } catch {
        return `"${pattern}" is not a valid regular expression`;
      }
    case 'range':
      if (minValue === undefined && maxValue === undefined) {
        return 'a range limitation needs "minValue", "maxValue" or both';
      }
      if ([minValue, maxValue].some((bound) => bound !== undefined && typeof bound !== 'number')) {
        return '"minValue" and "maxValue" must be numbers';
      }
      if (typeof minValue === 'number' && typeof maxValue === 'number' && minValue > maxValue) {
        return '"minValue" must not exceed "maxValue"';
      }
      return undefined;
    default:
      return `"type" must be one of fixed, forbidden, allowlist, blocklist, regex, range, unlimited (is ${JSON.stringify(type)})`;
  }
}

/** Reads a definition from its JSON object form (already parsed). */
function definitionFromObject(object: unknown): ParsedDefinition {
  if (!isRecord(object)) return { problem: 'The policy definition must be a JSON object' };
  const rules = new Map<string, PolicyRule>();
  for (const [path, rule] of Object.entries(object)) {
    if (path === '' || path.split('.').some((segment) => segment === '')) {
      return { problem: `"${path}" is not an attribute path` };
    }
    if (!isRecord(rule)) return { problem: `The limitation of ${path} must be a JSON object` };
    const problem = ruleProblem(rule);
    if (problem !== undefined) return { problem: `Invalid limitation of ${path}: ${problem}` };
    rules.set(path, rule as unknown as PolicyRule);
  }
  return { definition: rules };
}

/** Reads a definition from the JSON string clients send. */
export function parseDefinition(json: string): ParsedDefinition {
  let object: unknown;
  try {
    object = JSON.parse(json);
  } catch {
    return { problem: 'The policy definition is not valid JSON' };
  }
  return definitionFromObject(object);
}
