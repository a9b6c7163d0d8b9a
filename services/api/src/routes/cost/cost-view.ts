import { DOLLARS_PER_DBU, WORKLOADS } from '@brickyard/common/catalog';
import { usageAt, workloadOf } from '@brickyard/common/cost';
import type { ClusterResource } from '@brickyard/common/crd';
import { StringEnum } from '@brickyard/common/schema';
import { type Static, Type } from 'typebox';

const Amount = Type.Number({ minimum: 0 });

/** A cluster's estimated cost up to `as_of` (a Brickyard extension; Databricks has no such call). */
export const ClusterCost = Type.Object({
  cluster_id: Type.String(),
  cluster_name: Type.Optional(Type.String()),
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
});
export type ClusterCost = Static<typeof ClusterCost>;

/** The cost as of `now`: the operator's ledger carried forward at the rate it recorded. */
export function clusterCostOf(cluster: ClusterResource, now: number): ClusterCost {
  const usage = cluster.status?.usage;
  const workload = usage?.workload ?? workloadOf(cluster.spec.clusterSource);
  const totals = usage
    ? usageAt(usage, now)
    : { dbus: 0, ec2Dollars: 0, dbuDollars: 0, totalDollars: 0, hourlyDollars: 0, instances: 0, asOf: now };
  return {
    cluster_id: cluster.metadata.name ?? '',
    ...(cluster.spec.clusterName !== undefined ? { cluster_name: cluster.spec.clusterName } : {}),
    workload,
    instances: totals.instances,
    dbus: totals.dbus,
    ec2_dollars: totals.ec2Dollars,
    dbu_dollars: totals.dbuDollars,
    total_dollars: totals.totalDollars,
    hourly_dollars: totals.hourlyDollars,
    dollars_per_dbu: DOLLARS_PER_DBU[workload],
    as_of: totals.asOf,
    estimate: true,
  };
}
