import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { listWarehouses, warehouseKeys } from '../../rest/warehouses';
import { Page } from '../../ui/page';
import { StateBadge } from '../../ui/state-badge';
import { Empty, QueryView } from '../../ui/states';
import { TableFrame } from '../../ui/table-frame';
import { ComputeTabs } from './compute-tabs';
import { WarehouseActions } from './warehouse-actions';
import { autoStopLabel, clusterCountLabel } from './warehouse-labels';

const LIST_POLL_MS = 4_000;

/** /compute/warehouses: the workspace's SQL warehouses, live. */
export function WarehouseListPage() {
  const warehouses = useQuery({
    queryKey: warehouseKeys.list,
    queryFn: listWarehouses,
    refetchInterval: LIST_POLL_MS,
  });
  return (
    <Page title="Compute">
      <ComputeTabs />
      <QueryView query={warehouses} label="Loading SQL warehouses">
        {(all) =>
          all.length === 0 ? (
            <Empty title="No SQL warehouses yet.">
              <p>
                Open the <Link to="/sql">SQL Editor</Link> to create one, or run{' '}
                <code>databricks warehouses create</code>.
              </p>
            </Empty>
          ) : (
            <TableFrame label="SQL warehouses">
              <table className="data">
                <caption className="visually-hidden">SQL warehouses</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">State</th>
                    <th scope="col">Size</th>
                    <th scope="col">Clusters</th>
                    <th scope="col">Auto stop</th>
                    <th scope="col">Creator</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {all.map((warehouse) => (
                    <tr key={warehouse.id}>
                      <td>
                        <Link to={`/compute/warehouses/${warehouse.id}`}>{warehouse.name}</Link>
                      </td>
                      <td>
                        <StateBadge state={warehouse.state} />
                      </td>
                      <td>{warehouse.cluster_size}</td>
                      <td>{clusterCountLabel(warehouse)}</td>
                      <td>{autoStopLabel(warehouse.auto_stop_mins)}</td>
                      <td>{warehouse.creator_name ?? '—'}</td>
                      <td>
                        <WarehouseActions warehouse={warehouse} labelled />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableFrame>
          )
        }
      </QueryView>
    </Page>
  );
}
