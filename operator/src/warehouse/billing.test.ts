import { describe, expect, it } from 'vitest';
import { testCluster } from '../cluster/test-cluster.js';
import { billingAnnotations, sqlBillingOf } from './billing.js';
import { testWarehouse } from './test-warehouse.js';

describe("a warehouse's billing on its Cluster", () => {
  it.each([
    [
      { clusterSize: '2X-Small', warehouseType: 'CLASSIC' },
      { workload: 'SQL_CLASSIC', dbusPerHour: 4 },
    ],
    [
      { clusterSize: 'Medium', warehouseType: 'PRO' },
      { workload: 'SQL_PRO', dbusPerHour: 24 },
    ],
    [
      { clusterSize: 'X-Large', warehouseType: 'PRO', enableServerlessCompute: true },
      { workload: 'SQL_SERVERLESS', dbusPerHour: 80 },
    ],
  ] as const)('reads back what was written for %j', (spec, billing) => {
    const annotations = billingAnnotations(testWarehouse({ spec }).spec);
    expect(sqlBillingOf(testCluster({ annotations }))).toEqual(billing);
  });

  it.each([
    ['any other cluster', undefined],
    [
      'an unknown workload',
      { 'brickyard.dev/sql-workload': 'SQL_GOLD', 'brickyard.dev/sql-dbus-per-hour': '4' },
    ],
    [
      'a rate that is no number',
      { 'brickyard.dev/sql-workload': 'SQL_PRO', 'brickyard.dev/sql-dbus-per-hour': 'x' },
    ],
  ])('is none for %s', (_case, annotations) => {
    expect(sqlBillingOf(testCluster({ annotations }))).toBeUndefined();
  });
});
