import { camelCaseKey } from '../crd/case-conversion.js';

/**
 * The rules a cluster spec obeys beyond its JSON shape that need no catalog, written once as small
 * expressions. Each is evaluated here (the API, the scheduler and the operator call `specRuleProblems`)
 * and rendered as CEL for the Cluster CRD's x-kubernetes-validations (`specRuleValidations`), so that
 * the apiserver refuses exactly what the services refuse.
 *
 * A rule applies to the node at `at` (snake_case field names) and only when that node is present,
 * as the apiserver runs a CEL rule only on a field that is set. Inside a rule, `self` is that node.
 */

type Comparator = '>' | '>=' | '<' | '<=' | '==' | '!=';

/** A number: a field of `self`, `self` itself, or a literal. */
type Operand = { field: string } | { self: true } | { value: number };

type Expression =
  | { compare: [Operand, Comparator, Operand] }
  | { has: string }
  | { not: Expression }
  | { all: Expression[] }
  | { any: Expression[] };

export interface SpecRule {
  /** The path of the node the rule checks, from the spec (empty: the spec itself). */
  at: string[];
  /** What holds for a valid spec. */
  holds: Expression;
  /**
   * The message when it does not, with field paths from the spec in braces, rendered in the API's
   * snake_case or the resource's camelCase.
   */
  message: string;
}

const field = (name: string): Operand => ({ field: name });
const self: Operand = { self: true };
const value = (number: number): Operand => ({ value: number });

/**
 * The autoscale bounds Databricks accepts: `max_workers` strictly greater than `min_workers` (the
 * Clusters API's AutoScale: "Note that max_workers must be strictly greater than min_workers").
 * Equal bounds are refused; a fixed size is `num_workers`.
 */
export const AUTOSCALE_BOUNDS: SpecRule = {
  at: ['autoscale'],
  holds: { compare: [field('max_workers'), '>', field('min_workers')] },
  message: '{autoscale.max_workers} must be greater than {autoscale.min_workers}',
};

export const ONE_SIZE: SpecRule = {
  at: [],
  holds: { not: { all: [{ has: 'num_workers' }, { has: 'autoscale' }] } },
  message: 'Only one of {num_workers} or {autoscale} may be set',
};

export const AUTOTERMINATION_RANGE: SpecRule = {
  at: ['autotermination_minutes'],
  holds: { any: [{ compare: [self, '==', value(0)] }, { compare: [self, '>=', value(10)] }] },
  message: '{autotermination_minutes} must be 0 (disabled) or between 10 and 10000',
};

export const SPEC_RULES: readonly SpecRule[] = [ONE_SIZE, AUTOSCALE_BOUNDS, AUTOTERMINATION_RANGE];

export type Naming = 'snake' | 'camel';

const nameIn = (naming: Naming, name: string): string => (naming === 'camel' ? camelCaseKey(name) : name);

/** The rule's message with its field paths in the given naming. */
function ruleMessage(rule: SpecRule, naming: Naming): string {
  return rule.message.replace(/\{([a-z0-9_.]+)\}/g, (_, path: string) =>
    path
      .split('.')
      .map((part) => nameIn(naming, part))
      .join('.'),
  );
}

// ---- evaluation ----

function isObject(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

function operandValue(operand: Operand, node: unknown, naming: Naming): unknown {
  if ('value' in operand) return operand.value;
  if ('self' in operand) return node;
  return isObject(node) ? node[nameIn(naming, operand.field)] : undefined;
}

function compare(left: unknown, comparator: Comparator, right: unknown): boolean {
  // A missing or non-numeric operand cannot satisfy a comparison (the CRD's schema types them).
  if (typeof left !== 'number' || typeof right !== 'number') return false;
  switch (comparator) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '==':
      return left === right;
    case '!=':
      return left !== right;
  }
}

function evaluate(expression: Expression, node: unknown, naming: Naming): boolean {
  if ('compare' in expression) {
    const [left, comparator, right] = expression.compare;
    return compare(operandValue(left, node, naming), comparator, operandValue(right, node, naming));
  }
  if ('has' in expression) return isObject(node) && node[nameIn(naming, expression.has)] !== undefined;
  if ('not' in expression) return !evaluate(expression.not, node, naming);
  if ('all' in expression) return expression.all.every((part) => evaluate(part, node, naming));
  return expression.any.some((part) => evaluate(part, node, naming));
}

function nodeAt(spec: unknown, path: readonly string[], naming: Naming): unknown {
  let node = spec;
  for (const name of path) {
    if (!isObject(node)) return undefined;
    node = node[nameIn(naming, name)];
  }
  return node;
}

/** Whether a spec (in the given naming) obeys one rule; a rule whose node is absent holds. */
export function ruleHolds(rule: SpecRule, spec: unknown, naming: Naming): boolean {
  const node = nodeAt(spec, rule.at, naming);
  return node === undefined || evaluate(rule.holds, node, naming);
}

/** The messages of the rules a spec breaks, in the naming of the spec. */
export function specRuleProblems(spec: unknown, naming: Naming): string[] {
  return ruleProblems(SPEC_RULES, spec, naming);
}

/** The messages of the given rules a spec breaks (other resources' rules, e.g. a warehouse's). */
export function ruleProblems(rules: readonly SpecRule[], spec: unknown, naming: Naming): string[] {
  return rules.filter((rule) => !ruleHolds(rule, spec, naming)).map((rule) => ruleMessage(rule, naming));
}

// ---- CEL ----

function operandCel(operand: Operand): string {
  if ('value' in operand) return String(operand.value);
  if ('self' in operand) return 'self';
  return `self.${camelCaseKey(operand.field)}`;
}

function celOf(expression: Expression): string {
  const part = (inner: Expression) => ('all' in inner || 'any' in inner ? `(${celOf(inner)})` : celOf(inner));
  if ('compare' in expression) {
    const [left, comparator, right] = expression.compare;
    return `${operandCel(left)} ${comparator} ${operandCel(right)}`;
  }
  if ('has' in expression) return `has(self.${camelCaseKey(expression.has)})`;
  if ('not' in expression) return `!(${celOf(expression.not)})`;
  if ('all' in expression) return expression.all.map(part).join(' && ');
  return expression.any.map(part).join(' || ');
}

/** A rule as the CRD carries it: CEL at a camelCase path under the resource's `spec`. */
export interface CelValidation {
  path: string[];
  rule: string;
  message: string;
}

export function celValidation(rule: SpecRule): CelValidation {
  return {
    path: ['spec', ...rule.at.map(camelCaseKey)],
    rule: celOf(rule.holds),
    message: ruleMessage(rule, 'camel'),
  };
}

/** Every spec rule as the Cluster CRD's x-kubernetes-validations. */
export function specRuleValidations(): CelValidation[] {
  return SPEC_RULES.map(celValidation);
}
