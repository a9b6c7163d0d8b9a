import { describe, expect, it } from 'vitest';
import { parseDefinition } from './definition.js';
import { familyDefinitionJson, POLICY_FAMILIES, policyFamily } from './families.js';

const problemOf = (json: string) => {
  const parsed = parseDefinition(json);
  return 'problem' in parsed ? parsed.problem : undefined;
};

describe('a policy definition', () => {
  it('reads every limitation type', () => {
    const parsed = parseDefinition(
      JSON.stringify({
        spark_version: { type: 'fixed', value: '17.3.x-scala2.13', hidden: true },
        instance_pool_id: { type: 'forbidden' },
        node_type_id: { type: 'allowlist', values: ['m5d.large'], defaultValue: 'm5d.large' },
        'custom_tags.team': { type: 'blocklist', values: ['none'] },
        cluster_name: { type: 'regex', pattern: 'team-.*' },
        num_workers: { type: 'range', minValue: 1, maxValue: 4 },
        autotermination_minutes: { type: 'unlimited', defaultValue: 60, isOptional: true },
      }),
    );
    expect('definition' in parsed && [...parsed.definition.keys()]).toHaveLength(7);
  });

  it.each([
    ['not JSON', '{', 'The policy definition is not valid JSON'],
    ['a list', '[{"a": 1}]', 'The policy definition must be a JSON object'],
    [
      'an unknown type',
      '{"num_workers": {"type": "max"}}',
      'Invalid limitation of num_workers: "type" must be one of',
    ],
    ['a rule without type', '{"spark_conf.x": {"value": "1"}}', 'Invalid limitation of spark_conf.x'],
    ['a fixed rule without value', '{"num_workers": {"type": "fixed"}}', 'needs a "value"'],
    ['an empty allowlist', '{"node_type_id": {"type": "allowlist", "values": []}}', 'non-empty "values"'],
    [
      'a bad pattern',
      '{"cluster_name": {"type": "regex", "pattern": "("}}',
      'not a valid regular expression',
    ],
    ['an unbounded range', '{"num_workers": {"type": "range"}}', '"minValue", "maxValue" or both'],
    [
      'a reversed range',
      '{"num_workers": {"type": "range", "minValue": 5, "maxValue": 1}}',
      'must not exceed',
    ],
    [
      'an empty path segment',
      '{"autoscale..max_workers": {"type": "forbidden"}}',
      'is not an attribute path',
    ],
  ])('refuses %s', (_case, json, message) => {
    expect(problemOf(json)).toContain(message);
  });
});

describe('policy families', () => {
  it('have definitions that parse', () => {
    for (const family of POLICY_FAMILIES) expect(problemOf(family.definition)).toBeUndefined();
  });

  it('are overridden path by path', () => {
    const family = policyFamily('personal-vm');
    if (!family) throw new Error('personal-vm is a family');
    const merged = JSON.parse(
      familyDefinitionJson(family, '{"autotermination_minutes": {"type": "fixed", "value": 30}}'),
    ) as Record<string, unknown>;
    expect(merged.autotermination_minutes).toEqual({ type: 'fixed', value: 30 });
    expect(merged.node_type_id).toEqual(JSON.parse(family.definition).node_type_id);
  });
});
