import { findNodeType, type NodeType, sparkEngineOf } from '@brickyard/common/catalog';
import { clusterLabels, nodeTypeIds } from '@brickyard/common/cluster-spec';
import { ClusterKind, type ClusterResource } from '@brickyard/common/crd';
import { DBFS_AREA, workspaceStorageRoot } from '@brickyard/common/storage';
import {
  API_VERSION,
  ClusterAnnotations,
  ClusterRoles,
  INSTANCE_SCHEDULING_GATE,
  INSTANCE_TAINT,
  INSTANCE_TYPE_LABEL,
  InstanceAnnotations,
  Labels,
  RUNTIME_API_AUDIENCE,
  RUNTIME_SECRET,
  RUNTIME_SERVICE_ACCOUNT,
  STORAGE_MOUNT_SECRET,
} from '@brickyard/common/vocabulary';
import type {
  V1EnvVar,
  V1ObjectMeta,
  V1OwnerReference,
  V1Pod,
  V1Probe,
  V1ResourceRequirements,
  V1Service,
  V1Volume,
  V1VolumeMount,
} from '@kubernetes/client-node';
import { restartGenerationOf } from './cluster-type.js';
import { expectedMemoryMi } from './expected-memory.js';
import { driverServiceName, type PodSlot } from './naming.js';
import { NODE_TYPE_VARIABLE } from './observed-pod.js';
import type { ClusterSettings } from './settings.js';

/** The Kubernetes objects of a cluster, computed from the cluster and its workspace alone (no I/O). */

/** The container of every cluster pod. */
const RUNTIME_CONTAINER = 'runtime';
/**
 * Time a pod's runtime gets between SIGTERM and SIGKILL when it is removed: a worker decommissions
 * its Spark executors first (up to 15 s, services/worker/src/spark/worker-daemons.ts).
 */
export const TERMINATION_GRACE_SECONDS = { driver: 10, worker: 30 } as const;
/** The runtime's /metrics, /healthz and /readyz: every pod has its own IP, so one port for all. */
export const RUNTIME_METRICS_PORT = 9100;

/** The annotations Prometheus' Kubernetes discovery is commonly configured to follow. */
export const SCRAPE_ANNOTATIONS = {
  'prometheus.io/scrape': 'true',
  'prometheus.io/port': String(RUNTIME_METRICS_PORT),
  'prometheus.io/path': '/metrics',
};

/**
 * A Spark pod is Ready when its runtime says so: the driver once Spark Connect accepts sessions, a
 * worker once its Worker is registered with the master (services/worker/src/spark). The cluster is
 * RUNNING only then. Polled every second: a cluster start waits on it.
 */
export const SPARK_READINESS: V1Probe = {
  httpGet: { path: '/readyz', port: 'metrics' },
  periodSeconds: 1,
  timeoutSeconds: 2,
  failureThreshold: 3,
};

export interface PodContext {
  workspaceId: number;
  settings: Pick<
    ClusterSettings,
    'runtimeImage' | 'runtimePullPolicy' | 'nodeSelector' | 'instances' | 'dbfsBucket'
  >;
}

/** Pods and the Service belong to the Cluster: the garbage collector removes them with it. */
export function clusterOwnerReference(cluster: ClusterResource): V1OwnerReference {
  return {
    apiVersion: API_VERSION,
    kind: ClusterKind.kind,
    name: cluster.metadata.name ?? '',
    uid: cluster.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** CPU and memory of the instance type: requests equal to limits (a Guaranteed pod). */
export function podResources(nodeType: NodeType): V1ResourceRequirements {
  const amounts = { cpu: String(nodeType.num_cores), memory: `${nodeType.memory_mb}Mi` };
  return { requests: { ...amounts }, limits: { ...amounts } };
}

/** The DBFS destination of cluster_log_conf (`{"dbfs": {"destination": "dbfs:/cluster-logs"}}`), if any. */
function clusterLogDestination(cluster: ClusterResource): string | undefined {
  const conf = cluster.spec.clusterLogConf as { dbfs?: { destination?: unknown } } | undefined;
  const destination = conf?.dbfs?.destination;
  return typeof destination === 'string' && destination !== '' ? destination : undefined;
}

/** Databricks' Single Node form: a fixed size of zero workers, Spark in local mode on the driver. */
function isSingleNode(cluster: ClusterResource): boolean {
  return cluster.spec.autoscale === undefined && (cluster.spec.numWorkers ?? 0) === 0;
}

function podEnv(
  cluster: ClusterResource,
  slot: PodSlot,
  workspaceId: number,
  nodeTypeId: string,
): V1EnvVar[] {
  const own: Record<string, string> = {
    BRICKYARD_CLUSTER_ID: cluster.metadata.name ?? '',
    BRICKYARD_WORKSPACE_ID: String(workspaceId),
    BRICKYARD_ROLE: slot.role,
    [NODE_TYPE_VARIABLE]: nodeTypeId,
    BRICKYARD_WORKER_PORT: String(RUNTIME_METRICS_PORT),
    // What the runtime starts (services/worker/src/spark): real Spark, or no JVMs at all.
    BRICKYARD_SPARK_ENGINE: sparkEngineOf(cluster.spec.sparkVersion),
    BRICKYARD_SPARK_CONF: JSON.stringify(cluster.spec.sparkConf ?? {}),
    BRICKYARD_SINGLE_NODE: String(isSingleNode(cluster)),
    // Executors are sized by the workers' node type, which the driver's may differ from.
    BRICKYARD_WORKER_NODE_TYPE: nodeTypeIds(cluster.spec).worker,
  };
  // Where the runtime delivers the pod's logs: <destination>/<cluster-id>/driver|executor/...
  const logDestination = clusterLogDestination(cluster);
  if (logDestination) own.BRICKYARD_CLUSTER_LOG_DESTINATION = logDestination;
  // The cluster's spark_env_vars first: Brickyard's own variables win over a clash.
  const spark = Object.entries(cluster.spec.sparkEnvVars ?? {}).filter(([name]) => !(name in own));
  return [...spark, ...Object.entries(own)].map(([name, value]) => ({ name, value }));
}

/**
 * Where a pod may run: the configured nodeSelector and, unless instances is `none`, a Node of its
 * node type; with `agent`, an instance of its own that the instance agent launches (instance
 * Nodes are tainted for cluster pods) once it lifts the pod's scheduling gate.
 */
function placement(
  settings: PodContext['settings'],
  nodeTypeId: string,
): Pick<NonNullable<V1Pod['spec']>, 'nodeSelector' | 'tolerations' | 'schedulingGates'> {
  const nodeSelector = {
    ...settings.nodeSelector,
    ...(settings.instances !== 'none' ? { [INSTANCE_TYPE_LABEL]: nodeTypeId } : {}),
  };
  return {
    ...(Object.keys(nodeSelector).length > 0 ? { nodeSelector } : {}),
    ...(settings.instances === 'agent'
      ? {
          tolerations: [{ ...INSTANCE_TAINT, operator: 'Equal' }],
          schedulingGates: [{ name: INSTANCE_SCHEDULING_GATE }],
        }
      : {}),
  };
}

/** Where DBFS appears to Python file APIs on a Spark pod, as on Databricks. */
const DBFS_MOUNT_PATH = '/dbfs';
/**
 * Where Unity Catalog volumes appear to file APIs and to Spark (`/Volumes/<catalog>/<schema>/
 * <volume>/...`): DBFS's `Volumes` directory, where managed volumes keep their files, as
 * `dbfs:/Volumes/...` is on Databricks.
 */
const VOLUMES_MOUNT_PATH = '/Volumes';
const VOLUMES_DIRECTORY = 'Volumes';
/** The S3 CSI driver: Mountpoint for Amazon S3's name; the instance agent serves it with s3fs. */
const S3_CSI_DRIVER = 's3.csi.aws.com';

/**
 * The workspace's DBFS root (the prefix the DBFS API and `dbfs:` in Spark use) as a volume, with
 * the node's mount keys of the workspace (the storage mount Secret).
 */
function dbfsVolume(bucket: string, workspaceId: number): V1Volume {
  return {
    name: 'dbfs',
    csi: {
      driver: S3_CSI_DRIVER,
      volumeAttributes: { bucketName: bucket, prefix: `${workspaceStorageRoot(workspaceId)}${DBFS_AREA}/` },
      nodePublishSecretRef: { name: STORAGE_MOUNT_SECRET },
    },
  };
}

/** Where a pod finds its token for the API (the runtime reads BRICKYARD_API_TOKEN_FILE). */
const API_TOKEN_DIRECTORY = '/var/run/secrets/brickyard.dev/api';
const API_TOKEN_FILE = 'token';
/** Renewed by the kubelet (here the instance agent) well before it expires. */
const API_TOKEN_SECONDS = 3600;

/**
 * The pod's service account token for the API, of the API's audience: Spark's Unity Catalog
 * plugin and dbutils.secrets call the API with it, as the pod's workspace and cluster (never with
 * a user's token).
 */
function apiTokenVolume(): V1Volume {
  return {
    name: 'brickyard-api-token',
    projected: {
      sources: [
        {
          serviceAccountToken: {
            audience: RUNTIME_API_AUDIENCE,
            expirationSeconds: API_TOKEN_SECONDS,
            path: API_TOKEN_FILE,
          },
        },
      ],
    },
  };
}

/** The volumes of a pod and where its container mounts them. */
function podVolumes(dbfs: V1Volume | undefined): { volumes: V1Volume[]; mounts: V1VolumeMount[] } {
  const token = apiTokenVolume();
  return {
    volumes: [...(dbfs ? [dbfs] : []), token],
    mounts: [
      ...(dbfs
        ? [
            { name: dbfs.name, mountPath: DBFS_MOUNT_PATH },
            { name: dbfs.name, mountPath: VOLUMES_MOUNT_PATH, subPath: VOLUMES_DIRECTORY },
          ]
        : []),
      { name: token.name, mountPath: API_TOKEN_DIRECTORY, readOnly: true },
    ],
  };
}

/** What makes one runtime pod: a cluster's slot (desiredPod) or an instance pool's idle pod. */
export interface RuntimePodShape {
  metadata: V1ObjectMeta;
  nodeType: NodeType;
  /** The pod's own variables; the runtime's address and API token file are added to them. */
  env: V1EnvVar[];
  /** It mounts DBFS (when the platform has a bucket for it). */
  dbfs: boolean;
  terminationGraceSeconds: number;
  readinessProbe?: V1Probe;
  startupProbe?: V1Probe;
}

/** A pod that runs the runtime image: placement, volumes, resources and the API token. */
export function runtimePod(shape: RuntimePodShape, context: PodContext): V1Pod {
  const { settings, workspaceId } = context;
  const dbfs = shape.dbfs && settings.dbfsBucket ? dbfsVolume(settings.dbfsBucket, workspaceId) : undefined;
  const storage = podVolumes(dbfs);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: shape.metadata,
    spec: {
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: shape.terminationGraceSeconds,
      serviceAccountName: RUNTIME_SERVICE_ACCOUNT,
      ...placement(settings, shape.nodeType.node_type_id),
      volumes: storage.volumes,
      containers: [
        {
          name: RUNTIME_CONTAINER,
          image: settings.runtimeImage,
          imagePullPolicy: settings.runtimePullPolicy,
          env: [
            ...shape.env,
            // The runtime serves its metrics on the pod's own address.
            { name: 'BRICKYARD_POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
            { name: 'BRICKYARD_API_TOKEN_FILE', value: `${API_TOKEN_DIRECTORY}/${API_TOKEN_FILE}` },
          ],
          ports: [{ name: 'metrics', containerPort: RUNTIME_METRICS_PORT, protocol: 'TCP' }],
          ...(shape.readinessProbe ? { readinessProbe: shape.readinessProbe } : {}),
          ...(shape.startupProbe ? { startupProbe: shape.startupProbe } : {}),
          volumeMounts: storage.mounts,
          envFrom: [{ secretRef: { name: RUNTIME_SECRET } }],
          resources: podResources(shape.nodeType),
        },
      ],
    },
  };
}

/** The variables of one slot's runtime: what a cold pod has, and what an adopted pool pod is sent. */
export function slotEnv(cluster: ClusterResource, slot: PodSlot, workspaceId: number): V1EnvVar[] {
  const ids = nodeTypeIds(cluster.spec);
  return podEnv(cluster, slot, workspaceId, slot.role === ClusterRoles.driver ? ids.driver : ids.worker);
}

/** The annotations of one slot's pod. */
export function slotAnnotations(cluster: ClusterResource, slot: PodSlot): Record<string, string> {
  return {
    [ClusterAnnotations.restartGeneration]: String(restartGenerationOf(cluster)),
    [InstanceAnnotations.expectedMemory]: `${expectedMemoryMi(
      sparkEngineOf(cluster.spec.sparkVersion),
      slot.role,
      cluster.spec.sparkConf ?? {},
    )}Mi`,
  };
}

/** The pool that serves a slot: driver_instance_pool_id (else instance_pool_id) for the driver. */
export function poolOfSlot(cluster: ClusterResource, slot: PodSlot): string | undefined {
  const { instancePoolId, driverInstancePoolId } = cluster.spec;
  return slot.role === ClusterRoles.driver ? (driverInstancePoolId ?? instancePoolId) : instancePoolId;
}

/**
 * The labels of one slot's pod. A slot served by a pool has the pool's label whether its pod was
 * adopted or started cold: every instance of a cluster on a pool is the pool's, as on Databricks,
 * and counts against its max_capacity.
 */
export function slotLabels(
  cluster: ClusterResource,
  slot: PodSlot,
  workspaceId: number,
): Record<string, string> {
  const poolId = poolOfSlot(cluster, slot);
  return {
    ...clusterLabels(workspaceId, cluster.metadata.name ?? ''),
    [Labels.role]: slot.role,
    ...(poolId ? { [Labels.instancePoolId]: poolId } : {}),
  };
}

/** The pod of one slot; undefined if its node type is unknown (validateCluster reports that). */
export function desiredPod(cluster: ClusterResource, slot: PodSlot, context: PodContext): V1Pod | undefined {
  const ids = nodeTypeIds(cluster.spec);
  const nodeType = findNodeType(slot.role === ClusterRoles.driver ? ids.driver : ids.worker);
  if (!nodeType) return undefined;
  const spark = sparkEngineOf(cluster.spec.sparkVersion) === 'spark';
  return runtimePod(
    {
      metadata: {
        name: slot.name,
        namespace: cluster.metadata.namespace ?? '',
        labels: slotLabels(cluster, slot, context.workspaceId),
        annotations: { ...slotAnnotations(cluster, slot), ...SCRAPE_ANNOTATIONS },
        ownerReferences: [clusterOwnerReference(cluster)],
      },
      nodeType,
      env: slotEnv(cluster, slot, context.workspaceId),
      dbfs: spark,
      terminationGraceSeconds: TERMINATION_GRACE_SECONDS[slot.role],
      ...(spark ? { readinessProbe: SPARK_READINESS } : {}),
    },
    context,
  );
}

/** A headless Service that gives the driver a stable name in the cluster's DNS. */
export function desiredDriverService(cluster: ClusterResource, workspaceId: number): V1Service {
  const clusterId = cluster.metadata.name ?? '';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: driverServiceName(clusterId),
      namespace: cluster.metadata.namespace ?? '',
      labels: clusterLabels(workspaceId, cluster.metadata.name ?? ''),
      ownerReferences: [clusterOwnerReference(cluster)],
    },
    spec: {
      clusterIP: 'None',
      selector: { [Labels.clusterId]: clusterId, [Labels.role]: ClusterRoles.driver },
    },
  };
}
