import { get } from '../../api/client';

/** Estimated cost so far (a Brickyard extension: list prices of Databricks on AWS, not a bill). */
export interface CostFigures {
  workload: string;
  instances: number;
  dbus: number;
  ec2_dollars: number;
  dbu_dollars: number;
  total_dollars: number;
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

const COST = '/api/2.0/brickyard';

export const costKeys = {
  workspace: ['cost', 'workspace'] as const,
  cluster: (id: string) => ['cost', 'cluster', id] as const,
  warehouse: (id: string) => ['cost', 'warehouse', id] as const,
};

/** Every cluster's cost in one call: what the list shows beside each row. */
export const workspaceClusterCosts = async () =>
  (await get<{ clusters: ClusterCost[] }>(`${COST}/workspace/cost`)).clusters;

export const clusterCost = (clusterId: string) =>
  get<ClusterCost>(`${COST}/clusters/cost`, { cluster_id: clusterId });

export const warehouseCost = (id: string) => get<WarehouseCost>(`${COST}/warehouses/cost`, { id });
