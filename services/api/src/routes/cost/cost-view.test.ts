import { accrue, sqlUsageRate, usageRate } from '@brickyard/common/cost';
import type { ClusterResource, WarehouseResource } from '@brickyard/common/crd';
import { describe, expect, it } from 'vitest';
import { clusterCostOf, warehouseCostOf } from './cost-view.js';

const HOUR = 3_600_000;
const cluster = (overrides: Partial<ClusterResource> = {}): ClusterResource =>
  ({
    metadata: { name: '0101-000000-abcdefgh' },
    spec: { clusterName: 'etl', sparkVersion: '19.3.x-no-spark-scala2.13', desiredState: 'RUNNING' },
    ...overrides,
  }) as ClusterResource;

describe('clusterCostOf', () => {
  it('costs nothing for a cluster the operator has not reported on yet', () => {
    expect(clusterCostOf(cluster(), 5)).toMatchObject({
      cluster_id: '0101-000000-abcdefgh',
      cluster_name: 'etl',
      workload: 'ALL_PURPOSE',
      total_dollars: 0,
      instances: 0,
      as_of: 5,
      estimate: true,
    });
  });

  it("carries the operator's ledger forward at its rate", () => {
    const usage = accrue(undefined, usageRate(['i3.xlarge', 'i3.xlarge'], 'JOBS'), 'JOBS', 0);
    const cost = clusterCostOf(cluster({ status: { usage } }), 3 * HOUR);
    expect(cost.workload).toBe('JOBS');
    expect(cost.instances).toBe(2);
    expect(cost.dbus).toBeCloseTo(6, 10);
    expect(cost.dbu_dollars).toBeCloseTo(6 * 0.15, 10);
    expect(cost.ec2_dollars).toBeCloseTo(3 * 2 * 0.312, 10);
    expect(cost.total_dollars).toBeCloseTo(cost.ec2_dollars + cost.dbu_dollars, 10);
    expect(cost.dollars_per_dbu).toBe(0.15);
  });
});

describe('warehouseCostOf', () => {
  const warehouse = {
    metadata: { name: '0123456789abcdef' },
    spec: { name: 'bi', clusterSize: 'Small', warehouseType: 'PRO', desiredState: 'RUNNING' },
  } as WarehouseResource;

  it('costs nothing, at its SQL rate, before its compute exists', () => {
    expect(warehouseCostOf(warehouse, undefined, 5)).toMatchObject({
      warehouse_id: '0123456789abcdef',
      name: 'bi',
      workload: 'SQL_PRO',
      total_dollars: 0,
      dollars_per_dbu: 0.55,
      as_of: 5,
      estimate: true,
    });
  });

  it("is its compute's ledger", () => {
    const usage = accrue(
      undefined,
      sqlUsageRate(['m5d.large', 'm5d.large'], { workload: 'SQL_PRO', dbusPerHour: 12 }),
      'SQL_PRO',
      0,
    );
    const cost = warehouseCostOf(warehouse, cluster({ status: { usage } }), 2 * HOUR);
    expect(cost.dbus).toBeCloseTo(24, 10);
    expect(cost.dbu_dollars).toBeCloseTo(24 * 0.55, 10);
    expect(cost.instances).toBe(2);
    expect(cost).not.toHaveProperty('cluster_id');
  });
});
