import { get, post } from '../../api/client';

/** A SQL warehouse as warehouses/list returns it (EndpointInfo), as far as the Catalog reads it. */
export interface Warehouse {
  id: string;
  name: string;
  state: string;
  cluster_size?: string;
}

export const listWarehouses = async () =>
  (await get<{ warehouses?: Warehouse[] }>('/api/2.0/sql/warehouses')).warehouses ?? [];

export const getWarehouse = (id: string) =>
  get<Warehouse>(`/api/2.0/sql/warehouses/${encodeURIComponent(id)}`);

/** The smallest warehouse, stopping itself after 10 idle minutes. */
export const createWarehouse = (name: string) =>
  post<{ id: string }>('/api/2.0/sql/warehouses', { name, cluster_size: '2X-Small', auto_stop_mins: 10 });

export const warehouseKeys = {
  list: ['catalog', 'warehouses'] as const,
  one: (id: string) => ['catalog', 'warehouse', id] as const,
};

/** The warehouse to use first: the one picked before if it still exists, else a running one. */
export function preferredWarehouse(
  warehouses: readonly Warehouse[],
  picked: string | null,
): Warehouse | undefined {
  return (
    warehouses.find((warehouse) => warehouse.id === picked) ??
    warehouses.find((warehouse) => warehouse.state === 'RUNNING') ??
    warehouses[0]
  );
}
