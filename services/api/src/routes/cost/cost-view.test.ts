import { accrue, usageRate } from '@brickyard/common/cost';
import type { ClusterResource } from '@brickyard/common/crd';
import { describe, expect, it } from 'vitest';
import { clusterCostOf } from './cost-view.js';

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
