import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import {
  type ClusterCost,
  COST_REFRESH_MS,
  type CostFigures,
  costKeys,
  readClusterCost,
  readWarehouseCost,
  type WarehouseCost,
} from '../../rest/cost';
import { formatDollars, formatTime } from '../../ui/format';
import { Page } from '../../ui/page';
import { QueryView } from '../../ui/states';
import { CostHistoryCard } from './cost-history-card';
import { type CostObjectKind, dailyAtCurrentRate } from './cost-rows';

function CostFacts({ figures }: { figures: CostFigures }) {
  return (
    <dl className="facts">
      <dt>Workload</dt>
      <dd>{figures.workload}</dd>
      <dt>Instances running</dt>
      <dd>{figures.instances}</dd>
      <dt>DBUs so far</dt>
      <dd>{figures.dbus.toFixed(3)}</dd>
      <dt>Price of a DBU</dt>
      <dd>{formatDollars(figures.dollars_per_dbu)}</dd>
      <dt>EC2 so far</dt>
      <dd>{formatDollars(figures.ec2_dollars)}</dd>
      <dt>DBUs cost so far</dt>
      <dd>{formatDollars(figures.dbu_dollars)}</dd>
      <dt>Total so far</dt>
      <dd className="cost-total">{formatDollars(figures.total_dollars)}</dd>
      <dt>Spending now</dt>
      <dd>{formatDollars(figures.hourly_dollars)} per hour</dd>
      <dt>A day at this rate</dt>
      <dd>{formatDollars(dailyAtCurrentRate(figures.hourly_dollars))}</dd>
      <dt>As of</dt>
      <dd>{formatTime(figures.as_of)}</dd>
    </dl>
  );
}

const costQuery = (kind: CostObjectKind, id: string) =>
  kind === 'cluster'
    ? { queryKey: costKeys.cluster(id), queryFn: () => readClusterCost(id) }
    : { queryKey: costKeys.warehouse(id), queryFn: () => readWarehouseCost(id) };

const nameOf = (figures: ClusterCost | WarehouseCost) =>
  'cluster_id' in figures ? (figures.cluster_name ?? figures.cluster_id) : figures.name;

/** One cluster's or SQL warehouse's estimated cost, from its own cost route. */
export function ObjectCostPage({ kind }: { kind: CostObjectKind }) {
  const id = useParams().id ?? '';
  const cost = useQuery<ClusterCost | WarehouseCost>({
    ...costQuery(kind, id),
    refetchInterval: COST_REFRESH_MS,
  });
  const kindLabel = kind === 'cluster' ? 'Cluster' : 'SQL warehouse';
  return (
    <Page
      title={cost.data ? `${kindLabel} ${nameOf(cost.data)}` : kindLabel}
      crumbs={[{ label: 'Cost', to: '/cost' }]}
    >
      <QueryView query={cost} label={`Loading the ${kindLabel.toLowerCase()}'s cost`}>
        {(figures) => (
          <>
            <section className="card" aria-label={`Cost of ${nameOf(figures)}`}>
              <p className="mono muted">{id}</p>
              <CostFacts figures={figures} />
            </section>
            <CostHistoryCard target={{ kind, id }} name={nameOf(figures)} />
          </>
        )}
      </QueryView>
    </Page>
  );
}
