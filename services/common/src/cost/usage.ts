import { DOLLARS_PER_DBU, instancePrice, type Workload } from '../catalog/prices.js';

/** The rate at which a cluster spends while its current instances run. */
export interface UsageRate {
  instances: number;
  dbusPerHour: number;
  ec2DollarsPerHour: number;
  dbuDollarsPerHour: number;
}

/**
 * A cluster's accumulated usage up to `accruedUntil`, and the rate in force since then. It is
 * rewritten only when the rate changes, so a steady cluster costs no status writes; the amount at
 * any later moment follows from the rate (usageAt).
 */
export interface UsageLedger {
  workload: Workload;
  dbus: number;
  ec2Dollars: number;
  dbuDollars: number;
  rate: UsageRate;
  accruedUntil: number;
}

/** What a cluster has cost by a moment: the ledger carried forward at its rate. */
export interface UsageTotals {
  workload: Workload;
  dbus: number;
  ec2Dollars: number;
  dbuDollars: number;
  totalDollars: number;
  hourlyDollars: number;
  instances: number;
  asOf: number;
}

const HOUR_MS = 3_600_000;

/** Job clusters run jobs compute; every other cluster is all-purpose compute. */
export function workloadOf(clusterSource: string | undefined): Workload {
  return clusterSource === 'JOB' ? 'JOBS' : 'ALL_PURPOSE';
}

/** The rate of a set of running instances, given by their node types. */
export function usageRate(nodeTypeIds: readonly (string | undefined)[], workload: Workload): UsageRate {
  let dbusPerHour = 0;
  let ec2DollarsPerHour = 0;
  for (const nodeTypeId of nodeTypeIds) {
    const price = instancePrice(nodeTypeId);
    dbusPerHour += price.dbusPerHour;
    ec2DollarsPerHour += price.ec2DollarsPerHour;
  }
  return {
    instances: nodeTypeIds.length,
    dbusPerHour,
    ec2DollarsPerHour,
    dbuDollarsPerHour: dbusPerHour * DOLLARS_PER_DBU[workload],
  };
}

/** How a SQL warehouse's compute is billed: its workload and the DBUs per hour of its size. */
export interface SqlBilling {
  workload: Workload;
  dbusPerHour: number;
}

/**
 * The rate of a SQL warehouse's compute: the DBUs of its size while any of its instances runs (a
 * warehouse is billed per running cluster, whatever its instances), and the instances' EC2 price,
 * which a classic or pro warehouse pays to AWS and a serverless one does not (it is in the DBUs).
 */
export function sqlUsageRate(nodeTypeIds: readonly (string | undefined)[], billing: SqlBilling): UsageRate {
  const running = nodeTypeIds.length > 0;
  const dbusPerHour = running ? billing.dbusPerHour : 0;
  const ec2DollarsPerHour =
    billing.workload === 'SQL_SERVERLESS' ? 0 : usageRate(nodeTypeIds, billing.workload).ec2DollarsPerHour;
  return {
    instances: nodeTypeIds.length,
    dbusPerHour,
    ec2DollarsPerHour,
    dbuDollarsPerHour: dbusPerHour * DOLLARS_PER_DBU[billing.workload],
  };
}

function sameRate(a: UsageRate, b: UsageRate): boolean {
  return (
    a.instances === b.instances &&
    a.dbusPerHour === b.dbusPerHour &&
    a.ec2DollarsPerHour === b.ec2DollarsPerHour &&
    a.dbuDollarsPerHour === b.dbuDollarsPerHour
  );
}

/**
 * The ledger after observing `rate` at `now`: the old rate is charged up to now and the new one
 * takes over. The same ledger comes back while the rate stays the same (nothing to write).
 */
export function accrue(
  previous: UsageLedger | undefined,
  rate: UsageRate,
  workload: Workload,
  now: number,
): UsageLedger {
  if (!previous) return { workload, dbus: 0, ec2Dollars: 0, dbuDollars: 0, rate, accruedUntil: now };
  if (sameRate(previous.rate, rate) && previous.workload === workload) return previous;
  const totals = usageAt(previous, now);
  return {
    workload,
    dbus: totals.dbus,
    ec2Dollars: totals.ec2Dollars,
    dbuDollars: totals.dbuDollars,
    rate,
    accruedUntil: Math.max(now, previous.accruedUntil),
  };
}

/** The ledger carried forward to `now` (never backwards: a clock behind the ledger adds nothing). */
export function usageAt(ledger: UsageLedger, now: number): UsageTotals {
  const hours = Math.max(0, now - ledger.accruedUntil) / HOUR_MS;
  const { rate } = ledger;
  const dbus = ledger.dbus + rate.dbusPerHour * hours;
  const ec2Dollars = ledger.ec2Dollars + rate.ec2DollarsPerHour * hours;
  const dbuDollars = ledger.dbuDollars + rate.dbuDollarsPerHour * hours;
  return {
    workload: ledger.workload,
    dbus,
    ec2Dollars,
    dbuDollars,
    totalDollars: ec2Dollars + dbuDollars,
    hourlyDollars: rate.ec2DollarsPerHour + rate.dbuDollarsPerHour,
    instances: rate.instances,
    asOf: Math.max(now, ledger.accruedUntil),
  };
}
