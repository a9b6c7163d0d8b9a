import type { CostFigures, CostHistory, WorkspaceCost } from '../../rest/cost';

export type CostObjectKind = 'cluster' | 'warehouse';

/** A cluster or a SQL warehouse as one line of the workspace's cost. */
export interface CostRow extends CostFigures {
  kind: CostObjectKind;
  id: string;
  name: string;
}

/** The share of the largest total that a row's EC2 and DBU parts take, in percent (bar widths). */
export interface CostShare {
  ec2Percent: number;
  dbuPercent: number;
}

const HOURS_PER_DAY = 24;

/** Clusters and warehouses together, the most expensive first (then by name). */
export function costRows(workspace: WorkspaceCost): CostRow[] {
  const clusters = workspace.clusters.map(({ cluster_id, cluster_name, ...figures }) => ({
    ...figures,
    kind: 'cluster' as const,
    id: cluster_id,
    name: cluster_name ?? cluster_id,
  }));
  const warehouses = workspace.warehouses.map(({ warehouse_id, name, ...figures }) => ({
    ...figures,
    kind: 'warehouse' as const,
    id: warehouse_id,
    name,
  }));
  return [...clusters, ...warehouses].sort(
    (a, b) => b.total_dollars - a.total_dollars || a.name.localeCompare(b.name),
  );
}

/** Each row's bar against the most expensive row's; all empty while nothing has cost anything. */
export function costShares(rows: CostRow[]): CostShare[] {
  const largest = Math.max(0, ...rows.map((row) => row.total_dollars));
  return rows.map((row) =>
    largest === 0
      ? { ec2Percent: 0, dbuPercent: 0 }
      : { ec2Percent: (row.ec2_dollars / largest) * 100, dbuPercent: (row.dbu_dollars / largest) * 100 },
  );
}

/** Totals by workload (all-purpose, jobs, SQL…), the largest first. */
export function costByWorkload(rows: CostRow[]): { workload: string; totalDollars: number; count: number }[] {
  const byWorkload = new Map<string, { workload: string; totalDollars: number; count: number }>();
  for (const row of rows) {
    const entry = byWorkload.get(row.workload) ?? { workload: row.workload, totalDollars: 0, count: 0 };
    entry.totalDollars += row.total_dollars;
    entry.count += 1;
    byWorkload.set(row.workload, entry);
  }
  return [...byWorkload.values()].sort((a, b) => b.totalDollars - a.totalDollars);
}

/** A day at the rate the running instances spend now: a projection, not a forecast. */
export function dailyAtCurrentRate(hourlyDollars: number): number {
  return hourlyDollars * HOURS_PER_DAY;
}

/** What was spent within the window: the running total's rise from its first point to its last. */
export function spentWithin(history: CostHistory): number {
  const first = history.points[0];
  const last = history.points.at(-1);
  return first && last ? Math.max(0, last.total_dollars - first.total_dollars) : 0;
}
