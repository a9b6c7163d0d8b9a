import type { WarehouseAttributes, WarehouseSpec } from '../schema/warehouse.js';

/** A warehouse's definition: its attributes with every default filled in (no API controls). */
export type WarehouseDefinition = Omit<WarehouseSpec, 'desired_state' | 'start_generation' | 'creator_name'>;

/** Databricks' default: "Defaults to 120 mins". */
const DEFAULT_AUTO_STOP_MINS = 120;

/**
 * The values Databricks fills in for what a create leaves out (the SDK's documented defaults):
 * one cluster (at most as many as at least), a stop after 120 idle minutes, Photon, the current
 * channel. An unspecified type is PRO for a serverless warehouse and CLASSIC otherwise.
 */
export function withWarehouseDefaults(
  attributes: WarehouseAttributes & Pick<WarehouseSpec, 'name' | 'cluster_size'>,
): WarehouseDefinition {
  const minNumClusters = attributes.min_num_clusters ?? 1;
  const serverless = attributes.enable_serverless_compute ?? false;
  const type = attributes.warehouse_type;
  return {
    ...attributes,
    min_num_clusters: minNumClusters,
    max_num_clusters: attributes.max_num_clusters ?? minNumClusters,
    auto_stop_mins: attributes.auto_stop_mins ?? DEFAULT_AUTO_STOP_MINS,
    enable_photon: attributes.enable_photon ?? true,
    enable_serverless_compute: serverless,
    warehouse_type:
      type === undefined || type === 'TYPE_UNSPECIFIED' ? (serverless ? 'PRO' : 'CLASSIC') : type,
    spot_instance_policy: attributes.spot_instance_policy ?? 'COST_OPTIMIZED',
    channel: attributes.channel ?? { name: 'CHANNEL_NAME_CURRENT' },
  };
}
