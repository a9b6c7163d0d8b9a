import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { COST_REFRESH_MS, costKeys, readWorkspaceCost, type WorkspaceCost } from '../../rest/cost';
import { useSession } from '../../shell/session-context';
import { formatDollars, formatTime } from '../../ui/format';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { CostBars } from './cost-bars';
import { CostHistoryCard } from './cost-history-card';
import { type CostRow, costByWorkload, costRows, dailyAtCurrentRate } from './cost-rows';
import { CostTable } from './cost-table';

function WorkspaceSummary({ cost, rows }: { cost: WorkspaceCost; rows: CostRow[] }) {
  const { workspaceId } = useSession();
  const asOf = rows[0]?.as_of;
  return (
    <section className="card" aria-labelledby="cost-workspace">
      <h2 id="cost-workspace">Workspace {workspaceId}</h2>
      <dl className="facts">
        <dt>Cost so far</dt>
        <dd className="cost-total">{formatDollars(cost.total_dollars)}</dd>
        <dt>Spending now</dt>
        <dd>{formatDollars(cost.hourly_dollars)} per hour</dd>
        <dt>A day at this rate</dt>
        <dd>{formatDollars(dailyAtCurrentRate(cost.hourly_dollars))}</dd>
        <dt>Clusters</dt>
        <dd>{cost.clusters.length}</dd>
        <dt>SQL warehouses</dt>
        <dd>{cost.warehouses.length}</dd>
        {asOf !== undefined && (
          <>
            <dt>As of</dt>
            <dd>{formatTime(asOf)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function WorkloadTotals({ rows }: { rows: CostRow[] }) {
  return (
    <section className="card" aria-labelledby="cost-workloads">
      <h2 id="cost-workloads">By workload</h2>
      <dl className="facts">
        {costByWorkload(rows).map((entry) => (
          <Fragment key={entry.workload}>
            <dt>
              {entry.workload} ({entry.count})
            </dt>
            <dd>{formatDollars(entry.totalDollars)}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

function WorkspaceCostView({ cost }: { cost: WorkspaceCost }) {
  const rows = costRows(cost);
  return (
    <>
      <div className="grid-2">
        <WorkspaceSummary cost={cost} rows={rows} />
        {rows.length > 0 && <WorkloadTotals rows={rows} />}
      </div>
      {rows.length === 0 ? (
        <Empty title="No cluster or SQL warehouse in this workspace">
          Create a cluster in Compute or a SQL warehouse in the SQL Editor: what it costs shows here.
        </Empty>
      ) : (
        <>
          <section className="card" aria-labelledby="cost-by-object">
            <h2 id="cost-by-object">Cost so far by cluster and SQL warehouse</h2>
            <CostBars rows={rows} />
          </section>
          <CostTable rows={rows} />
        </>
      )}
    </>
  );
}

const WORKSPACE = { kind: 'workspace' } as const;

/** The workspace's estimated cost: its total, its rate now, and each cluster's and warehouse's. */
export function CostOverviewPage() {
  const cost = useQuery({
    queryKey: costKeys.workspace,
    queryFn: readWorkspaceCost,
    refetchInterval: COST_REFRESH_MS,
  });
  return (
    <Page
      title="Cost"
      actions={
        <button type="button" className="btn" onClick={() => void cost.refetch()}>
          Refresh
        </button>
      }
    >
      <p className="cost-note">
        Estimates at Databricks on AWS list prices (EC2 on demand and DBUs, Premium tier), not a bill. Figures
        are totals since each cluster or warehouse was created; over time, they are as Prometheus sampled
        them.
      </p>
      <QueryView query={cost} label="Loading the workspace's cost">
        {(data) => <WorkspaceCostView cost={data} />}
      </QueryView>
      <CostHistoryCard target={WORKSPACE} name="the workspace" />
    </Page>
  );
}
