import type { CostFigures } from '../../rest/cost';
import { formatDollars, formatTime } from '../../ui/format';

/** What compute has cost so far, and what it costs per hour while its instances run. */
export function CostFacts({ cost }: { cost: CostFigures }) {
  return (
    <dl className="facts">
      <dt>Total so far</dt>
      <dd>
        <strong>{formatDollars(cost.total_dollars)}</strong>
      </dd>
      <dt>EC2</dt>
      <dd>{formatDollars(cost.ec2_dollars)}</dd>
      <dt>DBUs</dt>
      <dd>
        {cost.dbus.toFixed(3)} DBU × {formatDollars(cost.dollars_per_dbu)} = {formatDollars(cost.dbu_dollars)}
      </dd>
      <dt>Rate now</dt>
      <dd>
        {formatDollars(cost.hourly_dollars)} per hour ({cost.instances} instance
        {cost.instances === 1 ? '' : 's'} running)
      </dd>
      <dt>Workload</dt>
      <dd>{cost.workload}</dd>
      <dt>As of</dt>
      <dd>{formatTime(cost.as_of)}</dd>
    </dl>
  );
}

/** The figures are estimates from list prices: said once wherever cost is shown. */
export function EstimateNote() {
  return (
    <p className="compute-subtle">
      Estimates at Databricks on AWS list prices (EC2 on-demand and DBUs), not a bill.
    </p>
  );
}
