/**
 * Clusters as clusters/list returns them, and their costs as workspace/cost does, made up: the
 * page under measurement renders them exactly as it would real ones, without 500 clusters' pods.
 */

const STATES = ['RUNNING', 'TERMINATED', 'PENDING', 'TERMINATED', 'RUNNING', 'ERROR'] as const;
const NODE_TYPES = ['m5d.large', 'm5d.xlarge', 'i3.xlarge', 'r5d.large'] as const;

export interface SyntheticCluster {
  cluster_id: string;
  cluster_name: string;
  state: string;
  state_message: string;
  spark_version: string;
  node_type_id: string;
  driver_node_type_id: string;
  num_workers?: number;
  autoscale?: { min_workers: number; max_workers: number };
  autotermination_minutes: number;
  creator_user_name: string;
  cluster_source: 'API';
  start_time: number;
  default_tags: Record<string, string>;
  spec: Record<string, unknown>;
}

export function syntheticClusters(count: number, now = Date.now()): SyntheticCluster[] {
  return Array.from({ length: count }, (_, index) => {
    const id = `0101-${String(index).padStart(6, '0')}-bench${String(index % 97).padStart(2, '0')}`;
    const name = `bench-cluster-${String(index).padStart(3, '0')}`;
    const nodeType = NODE_TYPES[index % NODE_TYPES.length] as string;
    const size =
      index % 5 === 0 ? { autoscale: { min_workers: 1, max_workers: 4 } } : { num_workers: index % 3 };
    const attributes = {
      cluster_name: name,
      spark_version: '19.3.x-scala2.13',
      node_type_id: nodeType,
      driver_node_type_id: nodeType,
      autotermination_minutes: 120,
      ...size,
    };
    return {
      ...attributes,
      cluster_id: id,
      state: STATES[index % STATES.length] as string,
      state_message: '',
      creator_user_name: `user${index % 20}@example.com`,
      cluster_source: 'API',
      start_time: now - index * 60_000,
      default_tags: { Vendor: 'Databricks', ClusterId: id, ClusterName: name },
      spec: attributes,
    };
  });
}

export function syntheticCosts(clusters: SyntheticCluster[]) {
  return clusters.map((cluster, index) => ({
    cluster_id: cluster.cluster_id,
    cluster_name: cluster.cluster_name,
    workload: 'ALL_PURPOSE',
    instances: cluster.state === 'RUNNING' ? 1 : 0,
    dbus: index * 0.01,
    ec2_dollars: index * 0.002,
    dbu_dollars: index * 0.0055,
    total_dollars: index * 0.0075,
    hourly_dollars: cluster.state === 'RUNNING' ? 0.4 : 0,
    dollars_per_dbu: 0.55,
    as_of: Date.now(),
    estimate: true,
  }));
}
