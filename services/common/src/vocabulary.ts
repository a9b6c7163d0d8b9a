/**
 * Brickyard's shared vocabulary: API group, labels, annotations, finalizers, condition types and
 * reasons. Every component names these through this file, never through string literals.
 */

export const GROUP = 'brickyard.dev';
export const VERSION = 'v1alpha1';
export const API_VERSION = `${GROUP}/${VERSION}`;

/** Where account-level objects live: account tokens, the API's own secrets. */
export const SYSTEM_NAMESPACE = 'brickyard-system';

export const Labels = {
  managedBy: 'app.kubernetes.io/managed-by',
  partOf: 'app.kubernetes.io/part-of',
  workspaceId: `${GROUP}/workspace-id`,
  clusterId: `${GROUP}/cluster-id`,
  /** On the Cluster that is a warehouse's compute: the warehouse's id (clusters/list hides it). */
  warehouseId: `${GROUP}/warehouse-id`,
  tokenId: `${GROUP}/token-id`,
  role: `${GROUP}/role`,
  /** On a pod of an instance pool: the pool's id. Idle while it has no cluster-id label. */
  instancePoolId: `${GROUP}/instance-pool-id`,
  /** On a workspace's User or ServicePrincipal: an account principal assigned to it ('true'). */
  accountPrincipal: `${GROUP}/account-principal`,
} as const;

export const MANAGED_BY = 'brickyard';

export const Finalizers = {
  workspace: `${GROUP}/workspace-cleanup`,
  cluster: `${GROUP}/cluster-cleanup`,
} as const;

export const SecretTypes = {
  token: `${GROUP}/token`,
  /** A scope of the Secrets API: one Secret in its workspace's namespace, a data key per secret. */
  secretScope: `${GROUP}/secret-scope`,
} as const;

/**
 * On a secret scope's Secret, written by the API only. The scope's name is kept as given (the
 * Secret's name is derived from it, since scope names allow characters Kubernetes names do not).
 */
export const SecretScopeAnnotations = {
  name: `${GROUP}/secret-scope-name`,
  /** The scope's ACLs: a JSON array of {principal, permission}. */
  acls: `${GROUP}/secret-scope-acls`,
  /** When each secret was last put: a JSON object of key to epoch milliseconds. */
  updatedAt: `${GROUP}/secret-updated-at`,
} as const;

/** On an ObjectPermissions resource of a notebook, folder or file: the object's workspace path. */
export const ObjectPermissionsAnnotations = {
  workspacePath: `${GROUP}/workspace-path`,
} as const;

export const ConditionTypes = {
  ready: 'Ready',
  namespaceReady: 'NamespaceReady',
  storageReady: 'StorageReady',
  driverReady: 'DriverReady',
  workersReady: 'WorkersReady',
} as const;

/** Namespace of a workspace: derived from its numeric id, stable for its whole life. */
export function workspaceNamespace(workspaceId: number): string {
  return `brickyard-ws-${workspaceId}`;
}

/** Name of a workspace resource. */
export function workspaceResourceName(workspaceId: number): string {
  return `ws-${workspaceId}`;
}

/** The operator's name: its ServiceAccount, leader Lease, and the reporter of its Events. */
export const OPERATOR_NAME = 'brickyard-operator';

/**
 * Assigns a resource to one operator shard (Flux's sharding key is the precedent): the default
 * operator ignores resources that carry it, the operator of shard X watches only `shard=X`.
 */
export const SHARD_LABEL = `${GROUP}/shard`;

/** The ServiceAccount, Role and RoleBinding that a workspace's runtime pods run as. */
export const RUNTIME_SERVICE_ACCOUNT = 'brickyard-runtime';

/**
 * The audience of the service account tokens Spark pods call the API with (Unity Catalog): the
 * API accepts a token of this audience only, so a token meant for the Kubernetes API is refused.
 */
export const RUNTIME_API_AUDIENCE = 'brickyard-api';

/** Reasons of status conditions: UpperCamelCase, what automation switches on. */
export const ConditionReasons = {
  namespaceActive: 'NamespaceActive',
  namespaceTerminating: 'NamespaceTerminating',
  namespaceConflict: 'NamespaceConflict',
  kubernetesError: 'KubernetesError',
  storageRootPresent: 'StorageRootPresent',
  storageError: 'StorageError',
  provisioning: 'Provisioning',
  running: 'Running',
  failed: 'Failed',
  deleting: 'Deleting',
  podsReady: 'PodsReady',
  podsStarting: 'PodsStarting',
  podsUnschedulable: 'PodsUnschedulable',
  restarting: 'Restarting',
  resizing: 'Resizing',
  terminating: 'Terminating',
  terminated: 'Terminated',
  invalidSpec: 'InvalidSpec',
} as const;

/** Reasons of the Events the operator records. */
export const EventReasons = {
  createdNamespace: 'CreatedNamespace',
  updatedNamespace: 'UpdatedNamespace',
  deletingNamespace: 'DeletingNamespace',
  createdResourceQuota: 'CreatedResourceQuota',
  updatedResourceQuota: 'UpdatedResourceQuota',
  deletedResourceQuota: 'DeletedResourceQuota',
  createdServiceAccount: 'CreatedServiceAccount',
  updatedServiceAccount: 'UpdatedServiceAccount',
  createdRole: 'CreatedRole',
  updatedRole: 'UpdatedRole',
  createdRoleBinding: 'CreatedRoleBinding',
  updatedRoleBinding: 'UpdatedRoleBinding',
  createdStorageRoot: 'CreatedStorageRoot',
  deletedStorage: 'DeletedStorage',
  workspaceRunning: 'WorkspaceRunning',
  workspaceFailed: 'WorkspaceFailed',
  reconcileError: 'ReconcileError',
  createdSecret: 'CreatedSecret',
  updatedSecret: 'UpdatedSecret',
  createdPod: 'CreatedPod',
  adoptedPoolPod: 'AdoptedPoolPod',
  deletedPod: 'DeletedPod',
  failedToCreatePod: 'FailedToCreatePod',
  createdService: 'CreatedService',
  deletedService: 'DeletedService',
  clusterCreating: 'ClusterCreating',
  clusterStarting: 'ClusterStarting',
  clusterRunning: 'ClusterRunning',
  clusterResizing: 'ClusterResizing',
  clusterUpsizeCompleted: 'ClusterUpsizeCompleted',
  clusterRestarting: 'ClusterRestarting',
  clusterTerminating: 'ClusterTerminating',
  clusterNodesLost: 'ClusterNodesLost',
  clusterFailed: 'ClusterFailed',
} as const;

/**
 * The instance agent: the kubelet role on machines without one. Its Nodes carry
 * INSTANCE_AGENT_NODE_LABEL=true and the instance type label, so pods can be steered to them.
 */
export const INSTANCE_AGENT_NAME = 'brickyard-instance-agent';
export const INSTANCE_AGENT_NODE_LABEL = `${GROUP}/instance-agent`;
export const INSTANCE_AGENT_INSTANCE_TYPE = 'brickyard-local';

/**
 * Instances: the Nodes the instance agent launches on demand, one per cluster pod, each of the
 * node type the pod selects (node.kubernetes.io/instance-type), as EC2 RunInstances or Karpenter
 * would. They carry INSTANCE_LABEL and INSTANCE_TAINT, so only cluster pods (which tolerate it)
 * land on them.
 */
export const INSTANCE_LABEL = `${GROUP}/instance`;
export const INSTANCE_LIFECYCLE = 'on-demand';
export const INSTANCE_TAINT = { key: `${GROUP}/instance`, value: 'cluster', effect: 'NoSchedule' } as const;
export const INSTANCE_TYPE_LABEL = 'node.kubernetes.io/instance-type';
/**
 * The scheduling gate of a pod waiting for its instance: the kube-scheduler places it only once
 * the instance agent has admitted it and lifted the gate, so a pod refused for lack of memory can
 * never take an instance launched for another.
 */
export const INSTANCE_SCHEDULING_GATE = `${GROUP}/instance`;

export const InstanceAnnotations = {
  /** On a pod: the host memory its processes are expected to take (a quantity, e.g. 1200Mi). */
  expectedMemory: `${GROUP}/expected-memory`,
  /** On an instance Node: the uid of the pod it was launched for. */
  launchedFor: `${GROUP}/launched-for`,
} as const;

/**
 * The pod condition the instance agent sets when it cannot launch an instance for a pod: status
 * False with reason INSUFFICIENT_CAPACITY_REASON while the host lacks the memory, True once launched.
 */
export const INSTANCE_CAPACITY_CONDITION = `${GROUP}/InstanceCapacity`;
export const INSUFFICIENT_CAPACITY_REASON = 'InsufficientInstanceCapacity';

/** The Secret in each workspace namespace with the runtime's connection settings (envFrom). */
export const RUNTIME_SECRET = 'brickyard-runtime';

/**
 * The Secret in each workspace namespace with the S3 endpoint and keys that the node uses to mount
 * the workspace's DBFS (nodePublishSecretRef); pods never see it.
 */
export const STORAGE_MOUNT_SECRET = 'brickyard-storage-mount';

/** What a cluster pod plays: the value of Labels.role on cluster pods. */
export const ClusterRoles = {
  driver: 'driver',
  worker: 'worker',
} as const;

export const ClusterAnnotations = {
  /** The spec.restartGeneration a cluster pod was created for; older ones go on a restart. */
  restartGeneration: `${GROUP}/restart-generation`,
  /**
   * On a job cluster (spec.clusterSource JOB): the run it was made for is over (the value is when
   * the scheduler saw it end, RFC 3339). Written by the scheduler only; the operator then
   * terminates the cluster with termination reason JOB_FINISHED and, after the retention period,
   * removes it. Metadata rather than spec, because the scheduler never edits a cluster's spec.
   */
  runFinished: `${GROUP}/run-finished`,
} as const;

/**
 * On a pod of an instance pool, written by the operator when a cluster adopts it: the slot it
 * fills (`driver`, `worker-<n>`). Its runtime learns the rest through Redis (pool-assignment.ts).
 */
export const PoolAnnotations = {
  slot: `${GROUP}/pool-slot`,
} as const;

/** On the Cluster that is a warehouse's compute, written by the warehouse controller only. */
export const WarehouseAnnotations = {
  /** The warehouse's start generation this Cluster was last started for (a start is applied once). */
  startGeneration: `${GROUP}/warehouse-start-generation`,
  /** The SQL workload the Cluster is billed as (SQL_CLASSIC, SQL_PRO, SQL_SERVERLESS)... */
  sqlWorkload: `${GROUP}/sql-workload`,
  /** ...and the DBUs per hour of its warehouse's size, billed while any of its instances runs. */
  sqlDbusPerHour: `${GROUP}/sql-dbus-per-hour`,
} as const;

/**
 * The Redis hash where the scheduler publishes a cluster's demand (fields `queued`, `running`,
 * `updated_at` in epoch ms); the operator reads it to autoscale and auto-terminate.
 */
export function clusterDemandKey(clusterId: string): string {
  return `brickyard:cluster:${clusterId}:demand`;
}

/**
 * The Redis hash where a cluster's Spark driver publishes Spark's own demand, refreshed every few
 * seconds: `tasks` (Spark tasks pending or running), `cores_per_worker`, `busy_hosts` (JSON array
 * of the executor hosts, worker pod IPs, that run tasks now) and `updated_at` (epoch ms). The
 * operator autoscales on it beside clusterDemandKey's, and never removes a busy worker.
 */
export function clusterSparkDemandKey(clusterId: string): string {
  return `brickyard:cluster:${clusterId}:spark-demand`;
}

/**
 * The Redis key where a cluster's driver pod publishes its Spark master URL (`spark://<ip>:7077`),
 * refreshed with a TTL so that a dead driver's URL expires; worker pods register with it.
 */
export function clusterSparkMasterKey(clusterId: string): string {
  return `brickyard:cluster:${clusterId}:spark-master`;
}

/**
 * The Redis hash where each pod of a cluster publishes how its libraries went: field = pod name,
 * value = a NodeLibraryReport (cluster-spec/libraries.ts) as JSON, refreshed every few seconds.
 * The API reads it to answer the Libraries API's statuses.
 */
export function clusterLibrariesKey(clusterId: string): string {
  return `brickyard:cluster:${clusterId}:libraries`;
}
