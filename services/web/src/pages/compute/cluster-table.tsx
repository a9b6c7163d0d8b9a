import { memo } from 'react';
import { Link } from 'react-router';
import { formatDollars } from '../../ui/format';
import { StateBadge } from '../../ui/state-badge';
import { TableFrame } from '../../ui/table-frame';
import { workersLabel } from './cluster-state';
import type { ClusterDetails } from './clusters-api';

/**
 * One row per cluster. A row renders again only when its cluster or its cost changed: react-query
 * keeps the objects of unchanged clusters across polls, so a poll of 500 clusters touches few rows.
 */
const ClusterRow = memo(function ClusterRow({
  cluster,
  cost,
}: {
  cluster: ClusterDetails;
  cost: number | undefined;
}) {
  return (
    <tr>
      <td>
        <Link to={`/compute/clusters/${cluster.cluster_id}`}>
          {cluster.cluster_name || cluster.cluster_id}
        </Link>
      </td>
      <td>
        <StateBadge state={cluster.state} />
      </td>
      <td>{workersLabel(cluster)}</td>
      <td>{cluster.spark_version}</td>
      <td>{cluster.node_type_id ?? '—'}</td>
      <td>{cluster.creator_user_name ?? '—'}</td>
      <td className="num">{formatDollars(cost)}</td>
    </tr>
  );
});

export function ClusterTable({
  clusters,
  costs,
}: {
  clusters: ClusterDetails[];
  costs: ReadonlyMap<string, number> | undefined;
}) {
  return (
    <TableFrame label="All-purpose compute">
      <table className="data">
        <caption className="visually-hidden">All-purpose compute</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">State</th>
            <th scope="col">Workers</th>
            <th scope="col">Runtime</th>
            <th scope="col">Node type</th>
            <th scope="col">Creator</th>
            <th scope="col" className="num">
              Cost so far
            </th>
          </tr>
        </thead>
        <tbody>
          {clusters.map((cluster) => (
            <ClusterRow key={cluster.cluster_id} cluster={cluster} cost={costs?.get(cluster.cluster_id)} />
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
