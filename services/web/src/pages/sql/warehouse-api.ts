import { get, post } from '../../api/client';

/** A SQL warehouse as warehouses/list returns it (EndpointInfo), as far as the editor reads it. */
export interface Warehouse {
  id: string;
  name: string;
  cluster_size: string;
  state: string;
  auto_stop_mins?: number;
}

export const listWarehouses = async () =>
  (await get<{ warehouses?: Warehouse[] }>('/api/2.0/sql/warehouses')).warehouses ?? [];

/** The smallest warehouse, stopping itself after 10 idle minutes. */
export const createStarterWarehouse = (name: string) =>
  post<{ id: string }>('/api/2.0/sql/warehouses', {
    name,
    cluster_size: '2X-Small',
    auto_stop_mins: 10,
  });

export const warehousesKey = ['sql-warehouses'] as const;
