import { DOLLARS_PER_DBU, WORKLOADS, type Workload } from '@brickyard/common/catalog';
import { type UsageLedger, usageAt, workloadOf } from '@brickyard/common/cost';
import type { ClusterResource, WarehouseResource } from '@brickyard/common/crd';
import { StringEnum } from '@brickyard/common/schema';
import { warehouseWorkload } from '@brickyard/common/warehouse-spec';
import { type Static, Type } from 'typebox';

const Amount = Type.Number({ minimum: 0 });

/** What something has cost up to `as_of`, from the ledger the operator keeps of its instances. */
const CostFigures = {
  workload: StringEnum(WORKLOADS),
  instances: Type.Integer({ minimum: 0, description: 'instances running now' }),
  dbus: Amount,
  ec2_dollars: Amount,
  dbu_dollars: Amount,
  total_dollars: Amount,
  hourly_dollars: Type.Number({ minimum: 0, description: 'what the running instances cost per hour' }),
  dollars_per_dbu: Amount,
  as_of: Type.Integer({ minimum: 0, description: 'epoch milliseconds' }),
  estimate: Type.Literal(true, { description: 'figures come from list prices, not from a bill' }),
};

/** A cluster's estimated cost up to `as_of` (a Brickyard extension; Databricks has no such call). */
export const ClusterCost = Type.Object({
  cluster_id: Type.String(),
  cluster_name: Type.Optional(Type.String()),
  ...CostFigures,
});
export type ClusterCost = Static<typeof ClusterCost>;

/**
 * A SQL warehouse's estimated cost up to `as_of`: that of its compute, whose ledger the operator
 * keeps at the warehouse's SQL rate; the compute is not counted again as a cluster.
 */
export const WarehouseCost = Type.Object({
  warehouse_id: Type.String(),
  name: Type.String(),
  ...CostFigures,
});
type WarehouseCost = Static<typeof WarehouseCost>;

/** The ledger carried forward to `now` at the rate it recorded; all zero before anything ran. */
function costFigures(usage: UsageLedger | undefined, workload: Workload, now: number) {
  const totals = usage
    ? usageAt(usage, now)
    : { dbus: 0, ec2Dollars: 0, dbuDollars: 0, totalDollars: 0, hourlyDollars: 0, instances: 0, asOf: now };
  const charged = usage?.workload ?? workload;
  return {
    workload: charged,
    instances: totals.instances,
    dbus: totals.dbus,
    ec2_dollars: totals.ec2Dollars,
    dbu_dollars: totals.dbuDollars,
    total_dollars: totals.totalDollars,
    hourly_dollars: totals.hourlyDollars,
    dollars_per_dbu: DOLLARS_PER_DBU[charged],
    as_of: totals.asOf,
    estimate: true as const,
  };
}

export function clusterCostOf(cluster: ClusterResource, now: number): ClusterCost {
  return {
    cluster_id: cluster.metadata.name ?? '',
    ...(cluster.spec.clusterName !== undefined ? { cluster_name: cluster.spec.clusterName } : {}),
    ...costFigures(cluster.status?.usage, workloadOf(cluster.spec.clusterSource), now),
  };
}

export function warehouseCostOf(
  warehouse: WarehouseResource,
  compute: ClusterResource | undefined,
  now: number,
): WarehouseCost {
  return {
    warehouse_id: warehouse.metadata.name ?? '',
    name: warehouse.spec.name,
    ...costFigures(compute?.status?.usage, warehouseWorkload(warehouse.spec), now),
  };
}
