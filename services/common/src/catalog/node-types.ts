/**
 * The instance types a cluster can be made of: each plays an EC2 instance type, and its cores and
 * memory become the CPU and memory requests of the pod that emulates it.
 */
export interface NodeType {
  node_type_id: string;
  num_cores: number;
  memory_mb: number;
  description: string;
  category: string;
  /** Local NVMe disks of the instance (Databricks' "d" and i3 families). */
  local_disks: number;
  local_disk_size_gb: number;
}

const node = (
  node_type_id: string,
  num_cores: number,
  memory_gb: number,
  category: string,
  local_disks = 1,
  local_disk_size_gb = 75,
): NodeType => ({
  node_type_id,
  num_cores,
  memory_mb: memory_gb * 1024,
  description: node_type_id,
  category,
  local_disks,
  local_disk_size_gb,
});

export const NODE_TYPES: readonly NodeType[] = [
  node('m5d.large', 2, 8, 'General Purpose'),
  node('m5d.xlarge', 4, 16, 'General Purpose', 1, 150),
  node('m5d.2xlarge', 8, 32, 'General Purpose', 1, 300),
  node('i3.xlarge', 4, 30.5, 'Storage Optimized', 1, 950),
  node('i3.2xlarge', 8, 61, 'Storage Optimized', 1, 1900),
  node('r5d.large', 2, 16, 'Memory Optimized'),
  node('r5d.xlarge', 4, 32, 'Memory Optimized', 1, 150),
  node('c5d.xlarge', 4, 8, 'Compute Optimized', 1, 100),
  node('c5d.2xlarge', 8, 16, 'Compute Optimized', 1, 200),
];

/** What a cluster gets when create names no node type. */
export const DEFAULT_NODE_TYPE_ID = 'm5d.large';

export function findNodeType(nodeTypeId: string): NodeType | undefined {
  return NODE_TYPES.find((type) => type.node_type_id === nodeTypeId);
}
