import { describe, expect, it } from 'vitest';
import type { CostFigures, WorkspaceCost } from '../../rest/cost';
import { costByWorkload, costRows, costShares, dailyAtCurrentRate, spentWithin } from './cost-rows';

const figures = (workload: string, ec2: number, dbu: number): CostFigures => ({
  workload,
  instances: 1,
  dbus: dbu / 0.55,
  ec2_dollars: ec2,
  dbu_dollars: dbu,
  total_dollars: ec2 + dbu,
  hourly_dollars: 0.5,
  dollars_per_dbu: 0.55,
  as_of: 1_000,
});

const workspace: WorkspaceCost = {
  total_dollars: 9,
  hourly_dollars: 1.5,
  clusters: [
    { cluster_id: 'c-small', ...figures('ALL_PURPOSE', 1, 1) },
    { cluster_id: 'c-job', cluster_name: 'nightly', ...figures('JOBS', 1, 2) },
  ],
  warehouses: [{ warehouse_id: 'w1', name: 'Starter Warehouse', ...figures('SQL_PRO', 2, 2) }],
};

describe('the cost of a workspace', () => {
  it('lists clusters and warehouses together, the most expensive first', () => {
    expect(costRows(workspace).map((row) => [row.kind, row.id, row.name, row.total_dollars])).toEqual([
      ['warehouse', 'w1', 'Starter Warehouse', 4],
      ['cluster', 'c-job', 'nightly', 3],
      ['cluster', 'c-small', 'c-small', 2],
    ]);
  });

  it('draws each bar against the largest total, split into EC2 and DBUs', () => {
    expect(costShares(costRows(workspace))).toEqual([
      { ec2Percent: 50, dbuPercent: 50 },
      { ec2Percent: 25, dbuPercent: 50 },
      { ec2Percent: 25, dbuPercent: 25 },
    ]);
  });

  it('draws empty bars while nothing has cost anything', () => {
    const idle = { ...workspace, warehouses: [], clusters: [{ cluster_id: 'c', ...figures('JOBS', 0, 0) }] };
    expect(costShares(costRows(idle))).toEqual([{ ec2Percent: 0, dbuPercent: 0 }]);
    expect(costShares([])).toEqual([]);
  });

  it('adds up by workload', () => {
    const extra = { cluster_id: 'c-more', ...figures('ALL_PURPOSE', 3, 0) };
    const rows = costRows({ ...workspace, clusters: [...workspace.clusters, extra] });
    expect(costByWorkload(rows)).toEqual([
      { workload: 'ALL_PURPOSE', totalDollars: 5, count: 2 },
      { workload: 'SQL_PRO', totalDollars: 4, count: 1 },
      { workload: 'JOBS', totalDollars: 3, count: 1 },
    ]);
  });

  it('projects a day at the current hourly rate', () => {
    expect(dailyAtCurrentRate(1.5)).toBe(36);
  });
});

describe('spentWithin', () => {
  it("is the running total's rise over the window, nothing for no points", () => {
    const points = [
      { time: 1, total_dollars: 2.5 },
      { time: 2, total_dollars: 2.75 },
      { time: 3, total_dollars: 3 },
    ];
    expect(spentWithin({ points, step_seconds: 15 })).toBeCloseTo(0.5, 9);
    expect(spentWithin({ points: [], step_seconds: 15 })).toBe(0);
  });

  it('never goes below zero when a deleted cluster leaves the total', () => {
    const points = [
      { time: 1, total_dollars: 3 },
      { time: 2, total_dollars: 1 },
    ];
    expect(spentWithin({ points, step_seconds: 15 })).toBe(0);
  });
});
