import { describe, expect, it } from 'vitest';
import { type JsonSchema, toCamelCase } from '../crd/case-conversion.js';
import { customResourceDefinition } from '../crd/crd-manifests.js';
import { ClusterKind } from '../crd/resource-kinds.js';
import {
  AUTOSCALE_BOUNDS,
  AUTOTERMINATION_RANGE,
  celValidation,
  ONE_SIZE,
  ruleHolds,
  SPEC_RULES,
  type SpecRule,
  specRuleProblems,
} from './rules.js';
import { ClusterAttributes } from './schema.js';

const runtime = { spark_version: '19.3.x-no-spark-scala2.13' };

describe('the autoscale rule: max_workers strictly greater than min_workers', () => {
  it.each<[number, number, boolean]>([
    [1, 4, true],
    [0, 1, true],
    [2, 3, true],
    [2, 2, false],
    [0, 0, false],
    [3, 1, false],
  ])('min %i, max %i: holds %s', (min, max, holds) => {
    const attributes: ClusterAttributes = { ...runtime, autoscale: { min_workers: min, max_workers: max } };
    // The same rule, on the API's snake_case attributes and on the resource's camelCase spec.
    expect(ruleHolds(AUTOSCALE_BOUNDS, attributes, 'snake')).toBe(holds);
    expect(ruleHolds(AUTOSCALE_BOUNDS, toCamelCase(attributes, ClusterAttributes), 'camel')).toBe(holds);
  });

  it('holds for a cluster of fixed size', () => {
    expect(ruleHolds(AUTOSCALE_BOUNDS, { ...runtime, num_workers: 3 }, 'snake')).toBe(true);
  });
});

describe('the spec rules', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['a fixed size', { num_workers: 2 }, []],
    ['no size at all', {}, []],
    ['autoscale in order', { autoscale: { min_workers: 1, max_workers: 2 } }, []],
    [
      'a size and autoscale',
      { num_workers: 2, autoscale: { min_workers: 1, max_workers: 2 } },
      ['Only one of num_workers or autoscale may be set'],
    ],
    [
      'equal autoscale bounds',
      { autoscale: { min_workers: 2, max_workers: 2 } },
      ['autoscale.max_workers must be greater than autoscale.min_workers'],
    ],
    ['auto-termination off', { autotermination_minutes: 0 }, []],
    ['auto-termination at ten minutes', { autotermination_minutes: 10 }, []],
    [
      'auto-termination under ten minutes',
      { autotermination_minutes: 9 },
      ['autotermination_minutes must be 0 (disabled) or between 10 and 10000'],
    ],
  ])('%s', (_case, attributes, problems) => {
    const snake = { ...runtime, ...attributes } as ClusterAttributes;
    expect(specRuleProblems(snake, 'snake')).toEqual(problems);
    // The camelCase spec breaks the same rules, worded in its own field names.
    expect(specRuleProblems(toCamelCase(snake, ClusterAttributes), 'camel')).toEqual(
      problems.map((problem) =>
        problem
          .replace('num_workers', 'numWorkers')
          .replace(/max_workers/g, 'maxWorkers')
          .replace(/min_workers/g, 'minWorkers')
          .replace('autotermination_minutes', 'autoterminationMinutes'),
      ),
    );
  });
});

describe('the rules as CEL', () => {
  it.each<[SpecRule, string[], string, string]>([
    [
      ONE_SIZE,
      ['spec'],
      '!(has(self.numWorkers) && has(self.autoscale))',
      'Only one of numWorkers or autoscale may be set',
    ],
    [
      AUTOSCALE_BOUNDS,
      ['spec', 'autoscale'],
      'self.maxWorkers > self.minWorkers',
      'autoscale.maxWorkers must be greater than autoscale.minWorkers',
    ],
    [
      AUTOTERMINATION_RANGE,
      ['spec', 'autoterminationMinutes'],
      'self == 0 || self >= 10',
      'autoterminationMinutes must be 0 (disabled) or between 10 and 10000',
    ],
  ])('renders %j', (rule, path, cel, message) => {
    expect(celValidation(rule)).toEqual({ path, rule: cel, message });
  });

  it('are what the Cluster CRD carries, each on the node it checks', () => {
    const crd = customResourceDefinition(ClusterKind);
    const root = crd.spec.versions[0]?.schema?.openAPIV3Schema as JsonSchema;
    for (const rule of SPEC_RULES) {
      const { path, ...validation } = celValidation(rule);
      let node = root;
      for (const name of path) node = node.properties?.[name] as JsonSchema;
      expect(node['x-kubernetes-validations']).toContainEqual(validation);
    }
  });
});
