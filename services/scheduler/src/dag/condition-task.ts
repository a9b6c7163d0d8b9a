import { resolveValueReferences, type ValueReferenceScope } from '@brickyard/common/tasks';

/**
 * The If/else condition task, evaluated by the scheduler itself (it needs no cluster): `==` and `!=`
 * compare the operands as strings, the orderings compare them as numbers ("12.0 >= 12" is true,
 * "12.0 == 12" is false). Operands may use {{job.parameters.*}} and the run id references.
 */

export type ConditionOutcome = { outcome: 'true' | 'false' } | { error: string };

const OPERATORS = [
  'EQUAL_TO',
  'NOT_EQUAL',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
] as const;
type Operator = (typeof OPERATORS)[number];

function isOperator(value: unknown): value is Operator {
  return typeof value === 'string' && (OPERATORS as readonly string[]).includes(value);
}

export function evaluateCondition(
  condition: Record<string, unknown>,
  scope: ValueReferenceScope,
): ConditionOutcome {
  const { op, left, right } = condition;
  if (!isOperator(op))
    return { error: `Unknown condition_task op ${String(op)}; use one of ${OPERATORS.join(', ')}.` };
  if (typeof left !== 'string' || typeof right !== 'string') {
    return { error: 'condition_task needs string operands left and right.' };
  }
  const a = resolveValueReferences(left, scope);
  const b = resolveValueReferences(right, scope);
  const answer = (value: boolean): ConditionOutcome => ({ outcome: value ? 'true' : 'false' });
  if (op === 'EQUAL_TO') return answer(a === b);
  if (op === 'NOT_EQUAL') return answer(a !== b);
  const x = Number(a);
  const y = Number(b);
  if (a.trim() === '' || b.trim() === '' || Number.isNaN(x) || Number.isNaN(y)) {
    return { error: `condition_task ${op} compares numbers; got '${a}' and '${b}'.` };
  }
  switch (op) {
    case 'GREATER_THAN':
      return answer(x > y);
    case 'GREATER_THAN_OR_EQUAL':
      return answer(x >= y);
    case 'LESS_THAN':
      return answer(x < y);
    case 'LESS_THAN_OR_EQUAL':
      return answer(x <= y);
  }
}
