import { formatTime } from '../../ui/format';
import { Empty } from '../../ui/states';
import { TableFrame } from '../../ui/table-frame';
import type { ClusterDetails, SparkNode } from './clusters-api';

interface InstanceRow {
  role: 'Driver' | 'Worker';
  nodeType: string | undefined;
  node: SparkNode;
}

function instancesOf(cluster: ClusterDetails): InstanceRow[] {
  const { spec } = cluster;
  const driverType = spec.driver_node_type_id ?? spec.node_type_id;
  return [
    ...(cluster.driver ? [{ role: 'Driver' as const, nodeType: driverType, node: cluster.driver }] : []),
    ...(cluster.executors ?? []).map((node) => ({
      role: 'Worker' as const,
      nodeType: spec.node_type_id,
      node,
    })),
  ];
}

/** Instances: the driver and the workers that run now (each a pod playing an instance). */
export function ClusterInstances({ cluster }: { cluster: ClusterDetails }) {
  const rows = instancesOf(cluster);
  if (rows.length === 0) {
    return cluster.state === 'TERMINATED' ? (
      <Empty title="No instances: the cluster is terminated.">
        Start it to get a driver and its workers.
      </Empty>
    ) : (
      <Empty title="No instances yet.">The driver and the workers appear here as they start.</Empty>
    );
  }
  return (
    <TableFrame label="Instances of the cluster">
      <table className="data">
        <caption className="visually-hidden">Instances of the cluster</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Node</th>
            <th scope="col">Node type</th>
            <th scope="col">Instance ID</th>
            <th scope="col">Private IP</th>
            <th scope="col">Host IP</th>
            <th scope="col">Started</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ role, nodeType, node }) => (
            <tr key={node.instance_id ?? node.node_id}>
              <td>{role}</td>
              <td className="mono">{node.node_id ?? '—'}</td>
              <td>{nodeType ?? '—'}</td>
              <td className="mono">{node.instance_id ?? '—'}</td>
              <td className="mono">{node.private_ip ?? '—'}</td>
              <td className="mono">{node.host_private_ip ?? '—'}</td>
              <td>{formatTime(node.start_timestamp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
