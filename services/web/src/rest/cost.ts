import { get } from './client';

/**
 * Brickyard's cost estimates (/api/2.0/brickyard/.../cost): what compute would have cost on
 * Databricks on AWS at list prices up to `as_of`; an estimate, not a bill.
 */
export interface CostFigures {
  workload: string;
  /** Instances running now. */
  instances: number;
  dbus: number;
  ec2_dollars: number;
  dbu_dollars: number;
  total_dollars: number;
  /** What the running instances cost per hour. */
  hourly_dollars: number;
  dollars_per_dbu: number;
  as_of: number;
}

export interface ClusterCost extends CostFigures {
  cluster_id: string;
  cluster_name?: string;
}

export interface WarehouseCost extends CostFigures {
  warehouse_id: string;
  name: string;
}

export interface WorkspaceCost {
  total_dollars: number;
  hourly_dollars: number;
  clusters: ClusterCost[];
  warehouses: WarehouseCost[];
}

const COST = '/api/2.0/brickyard';

/** The running total at each step of a window (…/cost/history, read from Prometheus). */
export interface CostHistory {
  points: { time: number; total_dollars: number }[];
  step_seconds: number;
}

/** Whose cost: the workspace's, or one cluster's or SQL warehouse's. */
export type CostTarget = { kind: 'workspace' } | { kind: 'cluster' | 'warehouse'; id: string };

/** Query keys shared by every page that shows a cost, so one cached answer has one shape. */
export const costKeys = {
  workspace: ['cost', 'workspace'] as const,
  cluster: (id: string) => ['cost', 'cluster', id] as const,
  warehouse: (id: string) => ['cost', 'warehouse', id] as const,
  history: (target: CostTarget, spanMs: number) =>
    ['cost', 'history', target.kind, 'id' in target ? target.id : '', spanMs] as const,
};

export const readWorkspaceCost = () => get<WorkspaceCost>(`${COST}/workspace/cost`);
export const readClusterCost = (clusterId: string) =>
  get<ClusterCost>(`${COST}/clusters/cost`, { cluster_id: clusterId });
export const readWarehouseCost = (warehouseId: string) =>
  get<WarehouseCost>(`${COST}/warehouses/cost`, { id: warehouseId });

export function readCostHistory(target: CostTarget, startTime: number): Promise<CostHistory> {
  const range = { start_time: startTime };
  if (target.kind === 'workspace') return get<CostHistory>(`${COST}/workspace/cost/history`, range);
  if (target.kind === 'cluster')
    return get<CostHistory>(`${COST}/clusters/cost/history`, { ...range, cluster_id: target.id });
  return get<CostHistory>(`${COST}/warehouses/cost/history`, { ...range, id: target.id });
}

/** Costs accrue by the second: what is shown is read again this often. */
export const COST_REFRESH_MS = 30_000;
