import { Link } from 'react-router';
import { formatDollars } from '../../ui/format';
import { TableFrame } from '../../ui/table-frame';
import type { CostRow } from './cost-rows';

const KIND_LABEL = { cluster: 'Cluster', warehouse: 'SQL warehouse' } as const;

const detailPath = (row: CostRow) =>
  `/cost/${row.kind === 'cluster' ? 'clusters' : 'warehouses'}/${encodeURIComponent(row.id)}`;

const formatDbus = (dbus: number) => dbus.toFixed(dbus < 10 ? 3 : 1);

/** Every cluster and SQL warehouse of the workspace with its figures so far and its rate now. */
export function CostTable({ rows }: { rows: CostRow[] }) {
  return (
    <TableFrame label="Cost by cluster and SQL warehouse">
      <table className="data">
        <caption className="visually-hidden">Cost by cluster and SQL warehouse</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Workload</th>
            <th scope="col" className="num">
              Instances
            </th>
            <th scope="col" className="num">
              DBUs
            </th>
            <th scope="col" className="num">
              EC2
            </th>
            <th scope="col" className="num">
              DBU cost
            </th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col" className="num">
              Per hour now
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.kind}:${row.id}`}>
              <th scope="row">
                <Link to={detailPath(row)}>{row.name}</Link>
              </th>
              <td>{KIND_LABEL[row.kind]}</td>
              <td>{row.workload}</td>
              <td className="num">{row.instances}</td>
              <td className="num">{formatDbus(row.dbus)}</td>
              <td className="num">{formatDollars(row.ec2_dollars)}</td>
              <td className="num">{formatDollars(row.dbu_dollars)}</td>
              <td className="num">{formatDollars(row.total_dollars)}</td>
              <td className="num">{formatDollars(row.hourly_dollars)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
