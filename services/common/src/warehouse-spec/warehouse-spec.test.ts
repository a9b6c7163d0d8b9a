import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../crd/case-conversion.js';
import { customResourceDefinition } from '../crd/crd-manifests.js';
import { WarehouseKind, type WarehouseResource } from '../crd/resource-kinds.js';
import type { WarehouseSpec } from '../schema/warehouse.js';
import { withWarehouseDefaults } from './defaults.js';
import {
  warehouseDeletionRequested,
  warehouseEditRequested,
  warehouseStartRequested,
  warehouseStopRequested,
} from './requests.js';
import { warehouseProblems } from './rules.js';
import { hasObservedWarehouseGeneration, reportedWarehouseState, warehouseWorkload } from './state.js';

describe('the defaults Databricks fills in', () => {
  it('makes a one-cluster classic warehouse with Photon, stopping after 120 idle minutes', () => {
    expect(withWarehouseDefaults({ name: 'bi', cluster_size: 'Small' })).toEqual({
      name: 'bi',
      cluster_size: 'Small',
      min_num_clusters: 1,
      max_num_clusters: 1,
      auto_stop_mins: 120,
      enable_photon: true,
      enable_serverless_compute: false,
      warehouse_type: 'CLASSIC',
      spot_instance_policy: 'COST_OPTIMIZED',
      channel: { name: 'CHANNEL_NAME_CURRENT' },
    });
  });

  it.each<[string, Partial<WarehouseSpec>, Partial<WarehouseSpec>]>([
    ['at most as many clusters as at least', { min_num_clusters: 3 }, { max_num_clusters: 3 }],
    ['a PRO type for a serverless warehouse', { enable_serverless_compute: true }, { warehouse_type: 'PRO' }],
    [
      'a resolved type for TYPE_UNSPECIFIED',
      { warehouse_type: 'TYPE_UNSPECIFIED' },
      { warehouse_type: 'CLASSIC' },
    ],
    ['no auto stop when asked for 0', { auto_stop_mins: 0 }, { auto_stop_mins: 0 }],
  ])('give %s', (_case, given, expected) => {
    expect(withWarehouseDefaults({ name: 'bi', cluster_size: 'Small', ...given })).toMatchObject(expected);
  });
});

describe('the warehouse rules', () => {
  const spec = (fields: Partial<WarehouseSpec>): WarehouseSpec => ({
    ...withWarehouseDefaults({ name: 'bi', cluster_size: 'Small' }),
    desired_state: 'RUNNING',
    ...fields,
  });

  it.each<[string, Partial<WarehouseSpec>, string[]]>([
    ['the defaults', {}, []],
    ['as many clusters at most as at least', { min_num_clusters: 2, max_num_clusters: 2 }, []],
    [
      'fewer clusters at most than at least',
      { min_num_clusters: 3, max_num_clusters: 2 },
      ['max_num_clusters must be greater than or equal to min_num_clusters'],
    ],
    ['auto stop off', { auto_stop_mins: 0 }, []],
    ['auto stop after ten minutes', { auto_stop_mins: 10 }, []],
    [
      'auto stop after five minutes',
      { auto_stop_mins: 5 },
      ['auto_stop_mins must be 0 (no auto stop) or at least 10 minutes'],
    ],
    [
      'a serverless classic warehouse',
      { enable_serverless_compute: true, warehouse_type: 'CLASSIC' },
      ['Invalid warehouseType: Serverless is only available for PRO warehouses.'],
    ],
  ])('%s', (_case, fields, problems) => {
    expect(warehouseProblems(spec(fields))).toEqual(problems);
  });

  it('are what the Warehouse CRD carries, in its camelCase names', () => {
    const crd = customResourceDefinition(WarehouseKind);
    const root = crd.spec.versions[0]?.schema?.openAPIV3Schema as JsonSchema;
    const specSchema = root.properties?.spec;
    expect(specSchema?.['x-kubernetes-validations']).toEqual([
      {
        rule: '!(has(self.minNumClusters)) || !(has(self.maxNumClusters)) || self.maxNumClusters >= self.minNumClusters',
        message: 'maxNumClusters must be greater than or equal to minNumClusters',
      },
    ]);
    expect(specSchema?.properties?.autoStopMins?.['x-kubernetes-validations']).toEqual([
      {
        rule: 'self == 0 || self >= 10',
        message: 'autoStopMins must be 0 (no auto stop) or at least 10 minutes',
      },
    ]);
  });
});

function warehouse(
  spec: Partial<WarehouseResource['spec']>,
  status?: WarehouseResource['status'],
): WarehouseResource {
  return {
    apiVersion: 'brickyard.dev/v1alpha1',
    kind: 'Warehouse',
    metadata: { name: '0123456789abcdef', generation: 2 },
    spec: { name: 'bi', clusterSize: 'Small', desiredState: 'RUNNING', startGeneration: 1, ...spec },
    ...(status ? { status } : {}),
  };
}

describe('the spec changes that request transitions', () => {
  it.each<[string, WarehouseResource['spec'], Record<string, unknown>]>([
    [
      'start: running, in a new start generation',
      warehouseStartRequested(warehouse({ desiredState: 'STOPPED' }).spec),
      { desiredState: 'RUNNING', startGeneration: 2 },
    ],
    [
      'stop: desiredState STOPPED',
      warehouseStopRequested(warehouse({}).spec),
      { desiredState: 'STOPPED', startGeneration: 1 },
    ],
    [
      'delete: desiredState DELETED',
      warehouseDeletionRequested(warehouse({}).spec),
      { desiredState: 'DELETED' },
    ],
    [
      'edit: a new definition, the state and the controls kept',
      warehouseEditRequested(
        warehouse({ desiredState: 'STOPPED', creatorName: 'ada' }).spec,
        withWarehouseDefaults({ name: 'reports', cluster_size: 'Large', auto_stop_mins: 30 }),
      ),
      {
        name: 'reports',
        clusterSize: 'Large',
        autoStopMins: 30,
        desiredState: 'STOPPED',
        startGeneration: 1,
        creatorName: 'ada',
      },
    ],
  ])('%s', (_case, spec, expected) => {
    expect(spec).toMatchObject(expected);
  });
});

describe('the state clients see', () => {
  it('is STARTING before the operator reports, then what status says', () => {
    expect(reportedWarehouseState(warehouse({}))).toBe('STARTING');
    expect(reportedWarehouseState(warehouse({}, { state: 'STOPPED' }))).toBe('STOPPED');
  });

  it('knows whether a given generation was observed', () => {
    expect(hasObservedWarehouseGeneration(warehouse({}, { observedGeneration: 2 }), 2)).toBe(true);
    expect(hasObservedWarehouseGeneration(warehouse({}, { observedGeneration: 2 }), 3)).toBe(false);
    expect(hasObservedWarehouseGeneration(warehouse({}), 1)).toBe(false);
  });

  it.each<[Partial<WarehouseResource['spec']>, string]>([
    [{ warehouseType: 'CLASSIC' }, 'SQL_CLASSIC'],
    [{ warehouseType: 'PRO' }, 'SQL_PRO'],
    [{ warehouseType: 'PRO', enableServerlessCompute: true }, 'SQL_SERVERLESS'],
  ])('bills %j as %s', (fields, workload) => {
    expect(warehouseWorkload(warehouse(fields).spec)).toBe(workload);
  });
});
