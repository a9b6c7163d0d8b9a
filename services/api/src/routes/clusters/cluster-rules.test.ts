import type { ClusterAttributes, ClusterState } from '@brickyard/common/schema';
import { describe, expect, it } from 'vitest';
import { assertActionAllowed, type ClusterAction, validateClusterAttributes } from './cluster-rules.js';

const base: ClusterAttributes = { spark_version: '19.3.x-no-spark-scala2.13' };

describe('validateClusterAttributes', () => {
  it('fills in the default node type and a fixed size of zero workers', () => {
    expect(validateClusterAttributes(base)).toEqual({
      spark_version: '19.3.x-no-spark-scala2.13',
      node_type_id: 'm5d.large',
      driver_node_type_id: 'm5d.large',
      num_workers: 0,
    });
  });

  it('keeps autoscale clusters without a fixed size', () => {
    const result = validateClusterAttributes({ ...base, autoscale: { min_workers: 1, max_workers: 3 } });
    expect(result.num_workers).toBeUndefined();
    expect(result.autoscale).toEqual({ min_workers: 1, max_workers: 3 });
  });

  it.each<[string, ClusterAttributes, RegExp]>([
    ['an unknown runtime', { spark_version: '1.0.x-scala2.10' }, /Invalid spark version 1.0.x-scala2.10/],
    ['an unknown node type', { ...base, node_type_id: 'z9.huge' }, /Node type z9.huge is not supported/],
    [
      'both a size and autoscale',
      { ...base, num_workers: 2, autoscale: { min_workers: 1, max_workers: 3 } },
      /Only one of num_workers or autoscale/,
    ],
    [
      'autoscale bounds that are equal',
      { ...base, autoscale: { min_workers: 2, max_workers: 2 } },
      /greater than/,
    ],
    ['auto-termination under ten minutes', { ...base, autotermination_minutes: 5 }, /between 10 and 10000/],
  ])('rejects %s', (_case, attributes, message) => {
    expect(() => validateClusterAttributes(attributes)).toThrow(message);
  });
});

describe('assertActionAllowed', () => {
  it.each<[ClusterAction, ClusterState, boolean]>([
    ['start', 'TERMINATED', true],
    ['start', 'RUNNING', false],
    ['resize', 'RUNNING', true],
    ['resize', 'PENDING', false],
    ['restart', 'TERMINATED', false],
    ['edit', 'PENDING', false],
  ])('%s in %s is allowed: %s', (action, state, allowed) => {
    const check = () => assertActionAllowed(action, 'c-1', state);
    if (allowed) expect(check).not.toThrow();
    else expect(check).toThrow(/INVALID_STATE|unexpected state/);
  });
});
