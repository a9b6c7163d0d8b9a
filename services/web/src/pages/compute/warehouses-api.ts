import { call, get, post } from '../../api/client';

/** The SQL Warehouses API as the Compute pages read it (EndpointInfo, Databricks' field names). */
export interface WarehouseInfo {
  id: string;
  name: string;
  cluster_size: string;
  min_num_clusters?: number;
  max_num_clusters?: number;
  auto_stop_mins?: number;
  enable_photon?: boolean;
  enable_serverless_compute?: boolean;
  warehouse_type?: string;
  spot_instance_policy?: string;
  creator_name?: string;
  channel?: { name?: string; dbsql_version?: string };
  tags?: { custom_tags?: { key: string; value: string }[] };
  state: string;
  health?: { status: string; summary?: string; message?: string };
  num_clusters: number;
  num_active_sessions: number;
  jdbc_url: string;
  odbc_params: { hostname: string; path: string; protocol: string; port: number };
}

const WAREHOUSES = '/api/2.0/sql/warehouses';

export const warehouseKeys = {
  all: ['sql-warehouses'] as const,
  list: ['sql-warehouses', 'list-with-details'] as const,
  one: (id: string) => ['sql-warehouses', 'get', id] as const,
};

export const listWarehouses = async () =>
  (await get<{ warehouses?: WarehouseInfo[] }>(WAREHOUSES)).warehouses ?? [];

export const getWarehouse = (id: string) => get<WarehouseInfo>(`${WAREHOUSES}/${encodeURIComponent(id)}`);

export type WarehouseAction = 'start' | 'stop' | 'delete';

export const actOnWarehouse = (action: WarehouseAction, id: string) => {
  const path = `${WAREHOUSES}/${encodeURIComponent(id)}`;
  return action === 'delete'
    ? call<Record<string, never>>('DELETE', path)
    : post<Record<string, never>>(`${path}/${action}`);
};
