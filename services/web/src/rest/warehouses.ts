import { call, get, post } from './client';

/** A SQL warehouse as warehouses/get and warehouses/list return it (EndpointInfo). */
export interface Warehouse {
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

/** Query keys shared by every page that lists or shows warehouses. */
export const warehouseKeys = {
  all: ['sql-warehouses'] as const,
  list: ['sql-warehouses', 'list'] as const,
  one: (id: string) => ['sql-warehouses', 'get', id] as const,
};

export const listWarehouses = async () =>
  (await get<{ warehouses?: Warehouse[] }>(WAREHOUSES)).warehouses ?? [];

export const getWarehouse = (id: string) => get<Warehouse>(`${WAREHOUSES}/${encodeURIComponent(id)}`);

/** The smallest warehouse, stopping itself after 10 idle minutes: what a first statement needs. */
export const createStarterWarehouse = (name: string) =>
  post<{ id: string }>(WAREHOUSES, { name, cluster_size: '2X-Small', auto_stop_mins: 10 });

export type WarehouseAction = 'start' | 'stop' | 'delete';

export const actOnWarehouse = (action: WarehouseAction, id: string) => {
  const path = `${WAREHOUSES}/${encodeURIComponent(id)}`;
  return action === 'delete'
    ? call<Record<string, never>>('DELETE', path)
    : post<Record<string, never>>(`${path}/${action}`);
};

/** The warehouse to use first: the one picked before if it still exists, else a running one. */
export function preferredWarehouse<W extends Pick<Warehouse, 'id' | 'state'>>(
  warehouses: readonly W[],
  picked: string | null,
): W | undefined {
  return (
    warehouses.find((warehouse) => warehouse.id === picked) ??
    warehouses.find((warehouse) => warehouse.state === 'RUNNING') ??
    warehouses[0]
  );
}
