import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { costKeys, readWarehouseCost } from '../../rest/cost';
import { getWarehouse, type Warehouse, warehouseKeys } from '../../rest/warehouses';
import { Page } from '../../ui/page';
import { StateBadge } from '../../ui/state-badge';
import { QueryView } from '../../ui/states';
import { CostFacts, EstimateNote } from './cost-facts';
import { WarehouseActions } from './warehouse-actions';
import { autoStopLabel, clusterCountLabel } from './warehouse-labels';

const POLL_MS = 4_000;
const COST_POLL_MS = 5_000;

function WarehouseFacts({ warehouse }: { warehouse: Warehouse }) {
  const tags = warehouse.tags?.custom_tags ?? [];
  return (
    <section className="card" aria-labelledby="warehouse-overview-title">
      <h2 id="warehouse-overview-title">Overview</h2>
      <dl className="facts">
        <dt>State</dt>
        <dd>
          <StateBadge state={warehouse.state} />
        </dd>
        {warehouse.health?.summary && (
          <>
            <dt>Health</dt>
            <dd>
              {warehouse.health.status}: {warehouse.health.summary}
            </dd>
          </>
        )}
        <dt>ID</dt>
        <dd>
          <code>{warehouse.id}</code>
        </dd>
        <dt>Cluster size</dt>
        <dd>{warehouse.cluster_size}</dd>
        <dt>Clusters</dt>
        <dd>{clusterCountLabel(warehouse)}</dd>
        <dt>Auto stop</dt>
        <dd>{autoStopLabel(warehouse.auto_stop_mins)}</dd>
        <dt>Type</dt>
        <dd>
          {warehouse.warehouse_type ?? '—'}
          {warehouse.enable_photon ? ', Photon' : ''}
        </dd>
        <dt>Creator</dt>
        <dd>{warehouse.creator_name ?? '—'}</dd>
        {tags.length > 0 && (
          <>
            <dt>Tags</dt>
            <dd>{tags.map((tag) => `${tag.key}=${tag.value}`).join(', ')}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function ConnectionDetails({ warehouse }: { warehouse: Warehouse }) {
  const { odbc_params: odbc } = warehouse;
  return (
    <section className="card" aria-labelledby="warehouse-connection-title">
      <h2 id="warehouse-connection-title">Connection details</h2>
      <dl className="facts">
        <dt>Server hostname</dt>
        <dd className="mono">{odbc.hostname}</dd>
        <dt>Port</dt>
        <dd className="mono">{odbc.port}</dd>
        <dt>Protocol</dt>
        <dd className="mono">{odbc.protocol}</dd>
        <dt>HTTP path</dt>
        <dd className="mono">{odbc.path}</dd>
        <dt>JDBC URL</dt>
        <dd>
          <code>{warehouse.jdbc_url}</code>
        </dd>
      </dl>
    </section>
  );
}

function WarehouseCostCard({ id }: { id: string }) {
  const cost = useQuery({
    queryKey: costKeys.warehouse(id),
    queryFn: () => readWarehouseCost(id),
    refetchInterval: COST_POLL_MS,
  });
  return (
    <section className="card" aria-labelledby="warehouse-cost-title">
      <h2 id="warehouse-cost-title">Cost</h2>
      <QueryView query={cost} label="Loading cost">
        {(figures) => <CostFacts cost={figures} />}
      </QueryView>
      <EstimateNote />
    </section>
  );
}

/** /compute/warehouses/:warehouseId: one SQL warehouse, live, with its connection details and cost. */
export function WarehouseDetailPage() {
  const id = useParams().warehouseId ?? '';
  const navigate = useNavigate();
  const warehouse = useQuery({
    queryKey: warehouseKeys.one(id),
    queryFn: () => getWarehouse(id),
    refetchInterval: POLL_MS,
  });
  return (
    <Page
      title={warehouse.data?.name ?? id}
      crumbs={[
        { label: 'Compute', to: '/compute' },
        { label: 'SQL warehouses', to: '/compute/warehouses' },
      ]}
      actions={
        warehouse.data && (
          <WarehouseActions warehouse={warehouse.data} onDeleted={() => navigate('/compute/warehouses')} />
        )
      }
    >
      <QueryView query={warehouse} label="Loading the SQL warehouse">
        {(details) => (
          <div className="grid-2">
            <div>
              <WarehouseFacts warehouse={details} />
              <WarehouseCostCard id={details.id} />
            </div>
            <ConnectionDetails warehouse={details} />
          </div>
        )}
      </QueryView>
    </Page>
  );
}
