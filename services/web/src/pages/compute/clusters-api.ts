import { get, post } from '../../rest/client';

/** The Clusters API as the Compute pages read it (Databricks' field names). */

interface Autoscale {
  min_workers: number;
  max_workers: number;
}

/** What clusters/create and clusters/edit take (the attributes the pages set; others pass through). */
export interface ClusterAttributes {
  cluster_name?: string;
  spark_version: string;
  node_type_id?: string;
  driver_node_type_id?: string;
  num_workers?: number;
  autoscale?: Autoscale;
  autotermination_minutes?: number;
  spark_conf?: Record<string, string>;
  custom_tags?: Record<string, string>;
  [other: string]: unknown;
}

/** A driver or executor: one pod, playing one instance. */
export interface SparkNode {
  node_id?: string;
  instance_id?: string;
  private_ip?: string;
  host_private_ip?: string;
  start_timestamp?: number;
}

interface TerminationReason {
  code: string;
  type?: string;
  parameters?: Record<string, string>;
}

/** ClusterDetails, as clusters/get and clusters/list return it. */
export interface ClusterDetails extends ClusterAttributes {
  cluster_id: string;
  state: string;
  state_message: string;
  start_time?: number;
  terminated_time?: number;
  last_restarted_time?: number;
  last_activity_time?: number;
  termination_reason?: TerminationReason;
  driver?: SparkNode;
  executors?: SparkNode[];
  cluster_cores?: number;
  cluster_memory_mb?: number;
  creator_user_name?: string;
  cluster_source?: string;
  default_tags: Record<string, string>;
  /** The attributes as the client set them (num_workers above is the live size under autoscale). */
  spec: ClusterAttributes;
}

export interface ClusterEvent {
  cluster_id: string;
  timestamp: number;
  type: string;
  details?: Record<string, unknown>;
}

export interface SparkVersion {
  key: string;
  name: string;
}

export interface NodeType {
  node_type_id: string;
  memory_mb: number;
  num_cores: number;
  description: string;
  category: string;
}

const CLUSTERS = '/api/2.1/clusters';

export const clusterKeys = {
  all: ['clusters'] as const,
  list: ['clusters', 'list'] as const,
  one: (id: string) => ['clusters', 'get', id] as const,
  events: (id: string) => ['clusters', 'events', id] as const,
  sparkVersions: ['clusters', 'spark-versions'] as const,
  nodeTypes: ['clusters', 'node-types'] as const,
};

/** Every listed cluster, by name (without a page size the API answers them all in one page). */
export const listClusters = async () =>
  (await get<{ clusters?: ClusterDetails[] }>(`${CLUSTERS}/list`, { 'sort_by.field': 'CLUSTER_NAME' }))
    .clusters ?? [];

export const getCluster = (clusterId: string) =>
  get<ClusterDetails>(`${CLUSTERS}/get`, { cluster_id: clusterId });

export const createCluster = (attributes: ClusterAttributes) =>
  post<{ cluster_id: string }>(`${CLUSTERS}/create`, attributes);

export const editCluster = (clusterId: string, attributes: ClusterAttributes) =>
  post<Record<string, never>>(`${CLUSTERS}/edit`, { ...attributes, cluster_id: clusterId });

export type ClusterAction = 'start' | 'restart' | 'delete' | 'permanent-delete';

/** start, restart, delete (terminate: the configuration is kept) or permanent-delete. */
export const actOnCluster = (action: ClusterAction, clusterId: string) =>
  post<Record<string, never>>(`${CLUSTERS}/${action}`, { cluster_id: clusterId });

/** The newest events first, as many as the timeline shows. */
export const listClusterEvents = async (clusterId: string, limit: number) =>
  await post<{ events?: ClusterEvent[]; total_count: number }>(`${CLUSTERS}/events`, {
    cluster_id: clusterId,
    order: 'DESC',
    limit,
  });

export const listSparkVersions = async () =>
  (await get<{ versions?: SparkVersion[] }>(`${CLUSTERS}/spark-versions`)).versions ?? [];

export const listNodeTypes = async () =>
  (await get<{ node_types?: NodeType[] }>(`${CLUSTERS}/list-node-types`)).node_types ?? [];
