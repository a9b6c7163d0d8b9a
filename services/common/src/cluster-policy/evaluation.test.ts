import { describe, expect, it } from 'vitest';
import type { ClusterAttributes } from '../cluster-spec/schema.js';
import { parseDefinition } from './definition.js';
import { applyPolicy, type PolicyContext } from './evaluation.js';

const ALL_PURPOSE: PolicyContext = { clusterType: 'all-purpose', applyDefaults: false };
const WITH_DEFAULTS: PolicyContext = { ...ALL_PURPOSE, applyDefaults: true };

function apply(
  rules: Record<string, unknown>,
  attributes: Partial<ClusterAttributes>,
  context = ALL_PURPOSE,
) {
  const parsed = parseDefinition(JSON.stringify(rules));
  if ('problem' in parsed) throw new Error(parsed.problem);
  return applyPolicy({ spark_version: '17.3.x-scala2.13', ...attributes }, parsed.definition, context);
}

describe('fixed values', () => {
  it('fill what the request leaves out, nested objects and map keys included', () => {
    const { attributes, violations } = apply(
      {
        node_type_id: { type: 'fixed', value: 'm5d.xlarge' },
        'aws_attributes.availability': { type: 'fixed', value: 'ON_DEMAND' },
        'spark_conf.spark.sql.shuffle.partitions': { type: 'fixed', value: 8 },
      },
      { spark_conf: { 'spark.app.name': 'x' } },
    );
    expect(violations).toEqual([]);
    expect(attributes.node_type_id).toBe('m5d.xlarge');
    expect(attributes.aws_attributes).toEqual({ availability: 'ON_DEMAND' });
    expect(attributes.spark_conf).toEqual({ 'spark.app.name': 'x', 'spark.sql.shuffle.partitions': '8' });
  });

  it('refuse another value, in Databricks words', () => {
    const { violations } = apply(
      {
        driver_node_type_id: { type: 'fixed', value: 'i3.2xlarge' },
        enable_elastic_disk: { type: 'fixed', value: true },
        'custom_tags.team': { type: 'fixed', value: 'data' },
      },
      { driver_node_type_id: 'i3.xlarge', enable_elastic_disk: false, custom_tags: { team: 'web' } },
    );
    expect(violations).toEqual([
      'Validation failed for driver_node_type_id, the value must be i3.2xlarge (is "i3.xlarge")',
      'Validation failed for enable_elastic_disk, the value must be true (is "false")',
      'Validation failed for custom_tags, team must be data (is "web")',
    ]);
  });

  it('leave the request as it was', () => {
    const requested: ClusterAttributes = { spark_version: '17.3.x-scala2.13' };
    const parsed = parseDefinition('{"num_workers": {"type": "fixed", "value": 2}}');
    if ('problem' in parsed) throw new Error(parsed.problem);
    applyPolicy(requested, parsed.definition, ALL_PURPOSE);
    expect(requested).toEqual({ spark_version: '17.3.x-scala2.13' });
  });
});

describe('limitations that leave a choice', () => {
  it.each<[string, Record<string, unknown>, Partial<ClusterAttributes>, string[]]>([
    [
      'forbidden',
      { instance_pool_id: { type: 'forbidden' } },
      { instance_pool_id: 'p' },
      ['Validation failed for instance_pool_id, the value cannot be present'],
    ],
    [
      'allowlist',
      { node_type_id: { type: 'allowlist', values: ['m5d.large', 'i3.xlarge'] } },
      { node_type_id: 'i3.2xlarge' },
      [
        'Validation failed for node_type_id, the value must be one of [m5d.large, i3.xlarge] (is "i3.2xlarge")',
      ],
    ],
    [
      'blocklist',
      { node_type_id: { type: 'blocklist', values: ['i3.2xlarge'] } },
      { node_type_id: 'i3.2xlarge' },
      ['Validation failed for node_type_id, the value must not be one of [i3.2xlarge] (is "i3.2xlarge")'],
    ],
    [
      'regex (whole value)',
      { cluster_name: { type: 'regex', pattern: 'team-[a-z]+' } },
      { cluster_name: 'my-team-x' },
      [
        'Validation failed for cluster_name, the value must match the regular expression team-[a-z]+ (is "my-team-x")',
      ],
    ],
    [
      'range above',
      { 'autoscale.max_workers': { type: 'range', maxValue: 4 } },
      { autoscale: { min_workers: 1, max_workers: 8 } },
      ['Validation failed for autoscale.max_workers, the value must be at most 4 (is "8")'],
    ],
    [
      'range below',
      { autotermination_minutes: { type: 'range', minValue: 10 } },
      { autotermination_minutes: 0 },
      ['Validation failed for autotermination_minutes, the value must be at least 10 (is "0")'],
    ],
    [
      'range of a map value',
      { 'spark_conf.spark.sql.shuffle.partitions': { type: 'range', maxValue: 64 } },
      { spark_conf: { 'spark.sql.shuffle.partitions': 'many' } },
      ['Validation failed for spark_conf, spark.sql.shuffle.partitions must be a number (is "many")'],
    ],
    [
      'required',
      { autotermination_minutes: { type: 'unlimited' }, 'custom_tags.team': { type: 'unlimited' } },
      {},
      [
        'Validation failed for autotermination_minutes, the value must be present',
        'Validation failed for custom_tags, team must be present',
      ],
    ],
  ])('%s', (_case, rules, attributes, violations) => {
    expect(apply(rules, attributes).violations).toEqual(violations);
  });

  it('accept values within them', () => {
    const { violations } = apply(
      {
        node_type_id: { type: 'allowlist', values: ['m5d.large'] },
        cluster_name: { type: 'regex', pattern: 'team-[a-z]+' },
        num_workers: { type: 'range', minValue: 1, maxValue: 4 },
        instance_pool_id: { type: 'forbidden' },
      },
      { node_type_id: 'm5d.large', cluster_name: 'team-data', num_workers: 4 },
    );
    expect(violations).toEqual([]);
  });

  it('are optional with isOptional', () => {
    expect(apply({ num_workers: { type: 'range', maxValue: 4, isOptional: true } }, {}).violations).toEqual(
      [],
    );
  });

  it('fill their default only when the request applies defaults', () => {
    const rules = { autotermination_minutes: { type: 'range', maxValue: 120, defaultValue: 60 } };
    expect(apply(rules, {}).violations).toHaveLength(1);
    const { attributes, violations } = apply(rules, {}, WITH_DEFAULTS);
    expect(violations).toEqual([]);
    expect(attributes.autotermination_minutes).toBe(60);
  });
});

describe('arrays', () => {
  it('are checked element by element with *', () => {
    const { violations } = apply(
      { 'init_scripts.*.s3.destination': { type: 'regex', pattern: 's3://approved/.*' } },
      {
        init_scripts: [
          { s3: { destination: 's3://approved/a.sh' } },
          { s3: { destination: 's3://other/b.sh' } },
        ],
      },
    );
    expect(violations).toEqual([
      'Validation failed for init_scripts.1.s3.destination, the value must match the regular expression s3://approved/.* (is "s3://other/b.sh")',
    ]);
  });

  it('that are absent meet a * rule', () => {
    expect(apply({ 'init_scripts.*.volumes.destination': { type: 'forbidden' } }, {}).violations).toEqual([]);
  });
});

describe('virtual attributes', () => {
  it('cluster_type is what the cluster is for', () => {
    const rules = { cluster_type: { type: 'fixed', value: 'job' } };
    expect(apply(rules, {}).violations).toEqual([
      'Validation failed for cluster_type, the value must be job (is "all-purpose")',
    ]);
    expect(apply(rules, {}, { clusterType: 'job', applyDefaults: false }).violations).toEqual([]);
  });

  it('dbus_per_hour counts the driver and the most workers, after the other rules', () => {
    // m5d.xlarge uses 0.69 DBU an hour: driver + 4 workers is 3.45.
    const rules = {
      node_type_id: { type: 'fixed', value: 'm5d.xlarge' },
      dbus_per_hour: { type: 'range', maxValue: 3 },
    };
    expect(apply(rules, { autoscale: { min_workers: 1, max_workers: 4 } }).violations).toEqual([
      'Validation failed for dbus_per_hour, the value must be at most 3 (is "3.45")',
    ]);
    expect(apply(rules, { num_workers: 3 }).violations).toEqual([]);
  });
});
