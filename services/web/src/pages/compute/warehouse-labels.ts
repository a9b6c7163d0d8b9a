import type { Warehouse } from '../../rest/warehouses';

/** "1 (scaling 1–3)": the clusters running now, and the bounds the warehouse scales within. */
export function clusterCountLabel(
  warehouse: Pick<Warehouse, 'num_clusters' | 'min_num_clusters' | 'max_num_clusters'>,
): string {
  const min = warehouse.min_num_clusters ?? 1;
  const max = warehouse.max_num_clusters ?? min;
  return `${warehouse.num_clusters} (scaling ${min === max ? min : `${min}–${max}`})`;
}

export function autoStopLabel(minutes: number | undefined): string {
  if (minutes === undefined) return '—';
  return minutes === 0 ? 'Never' : `After ${minutes} minutes idle`;
}
