import type { WarehouseResource } from '@brickyard/common/crd';
import { describe, expect, it } from 'vitest';
import { DatabricksError } from '../../../errors/databricks-error.js';
import { assertNameFree, validateDefinition, type WarehouseBody } from './warehouse-rules.js';

function refusal(check: () => unknown): { status: number; code: string; message: string } | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (!(error instanceof DatabricksError)) throw error;
    return { status: error.statusCode, code: error.errorCode, message: error.message };
  }
}

describe('validateDefinition', () => {
  it.each<[string, WarehouseBody, string | undefined]>([
    ['a name and a size', { name: 'bi', cluster_size: '2X-Small' }, undefined],
    ['no name', { cluster_size: 'Small' }, 'Missing required field: name'],
    ['a blank name', { name: '  ', cluster_size: 'Small' }, 'Missing required field: name'],
    ['no size', { name: 'bi' }, 'Missing required field: cluster_size'],
    [
      'an unknown size',
      { name: 'bi', cluster_size: 'Tiny' },
      'Invalid cluster_size Tiny; supported values are 2X-Small, X-Small, Small, Medium, Large, X-Large, 2X-Large, 3X-Large, 4X-Large',
    ],
    [
      'fewer clusters at most than at least',
      { name: 'bi', cluster_size: 'Small', min_num_clusters: 2, max_num_clusters: 1 },
      'max_num_clusters must be greater than or equal to min_num_clusters',
    ],
    [
      'an auto stop under ten minutes',
      { name: 'bi', cluster_size: 'Small', auto_stop_mins: 1 },
      'auto_stop_mins must be 0 (no auto stop) or at least 10 minutes',
    ],
    [
      'a serverless classic warehouse',
      { name: 'bi', cluster_size: 'Small', enable_serverless_compute: true, warehouse_type: 'CLASSIC' },
      'Invalid warehouseType: Serverless is only available for PRO warehouses.',
    ],
  ])('of %s', (_case, body, message) => {
    const refused = refusal(() => validateDefinition(body));
    if (message === undefined) expect(refused).toBeUndefined();
    else expect(refused).toEqual({ status: 400, code: 'INVALID_PARAMETER_VALUE', message });
  });

  it('answers the definition with defaults', () => {
    expect(validateDefinition({ name: 'bi', cluster_size: 'Small', min_num_clusters: 2 })).toMatchObject({
      min_num_clusters: 2,
      max_num_clusters: 2,
      auto_stop_mins: 120,
    });
  });
});

describe('assertNameFree', () => {
  const warehouse = (id: string, name: string, desiredState: 'RUNNING' | 'DELETED' = 'RUNNING') =>
    ({ metadata: { name: id }, spec: { name, clusterSize: 'Small', desiredState } }) as WarehouseResource;
  const existing = [warehouse('a', 'bi'), warehouse('b', 'old', 'DELETED')];

  it.each<[string, string, string | undefined, boolean]>([
    ['a new name', 'etl', undefined, true],
    ['the name of a deleted warehouse', 'old', undefined, true],
    ['its own name, in an edit', 'bi', 'a', true],
    ['the name of another warehouse', 'bi', 'c', false],
  ])('accepts %s: %s', (_case, name, exceptId, free) => {
    const refused = refusal(() => assertNameFree(existing, name, exceptId));
    if (free) expect(refused).toBeUndefined();
    else expect(refused?.message).toBe('SQL warehouse with name `bi` already exists');
  });
});
