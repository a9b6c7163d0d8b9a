import { WORKLOADS, type Workload } from '@brickyard/common/catalog';
import type { SqlBilling } from '@brickyard/common/cost';
import type { ClusterResource, WarehouseResource } from '@brickyard/common/crd';
import { WarehouseAnnotations } from '@brickyard/common/vocabulary';
import { warehouseWorkload } from '@brickyard/common/warehouse-spec';
import { WAREHOUSE_SIZES } from './sizes.js';

/**
 * A warehouse's compute is billed at SQL rates, not as the all-purpose cluster it runs on: the
 * warehouse controller writes the billing onto the warehouse's Cluster (annotations), and the
 * cluster controller's usage ledger reads it, so the cost is counted once, as the warehouse's.
 */

export function billingAnnotations(spec: WarehouseResource['spec']): Record<string, string> {
  return {
    [WarehouseAnnotations.sqlWorkload]: warehouseWorkload(spec),
    [WarehouseAnnotations.sqlDbusPerHour]: String(WAREHOUSE_SIZES[spec.clusterSize].dbusPerHour),
  };
}

/** The SQL billing of a warehouse's Cluster; undefined for any other cluster (or unreadable annotations). */
export function sqlBillingOf(cluster: ClusterResource): SqlBilling | undefined {
  const annotations = cluster.metadata.annotations ?? {};
  const workload = annotations[WarehouseAnnotations.sqlWorkload];
  const dbusPerHour = Number(annotations[WarehouseAnnotations.sqlDbusPerHour]);
  if (!WORKLOADS.includes(workload as Workload) || !Number.isFinite(dbusPerHour) || dbusPerHour < 0) {
    return undefined;
  }
  return { workload: workload as Workload, dbusPerHour };
}
