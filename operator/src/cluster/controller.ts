import type { ClusterResource, WorkspaceResource } from '@brickyard/common/crd';
import type { ControllerMetrics, EventRecorder } from '@brickyard/common/kube';
import {
  CachedInformer,
  Controller,
  customResourceInformer,
  mappedSource,
  objectKey,
  primarySource,
  StatusWriter,
} from '@brickyard/common/kube';
import { Labels, MANAGED_BY, workspaceNamespace } from '@brickyard/common/vocabulary';
import {
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  type KubernetesObject,
  type V1Pod,
  type V1Service,
} from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { AssignmentSender } from '../instance-pool/assignment-sender.js';
import { POOL_POD_SELECTOR } from '../instance-pool/controller.js';
import { WorkspaceType } from '../workspace/workspace-type.js';
import type { ClusterMetrics } from './cluster-metrics.js';
import { type ClusterStatus, ClusterType } from './cluster-type.js';
import type { DemandReader } from './demand.js';
import { ClusterReconciler } from './reconciler.js';
import type { ClusterSettings } from './settings.js';

export interface ClusterControllerOptions {
  kubeConfig: KubeConfig;
  /** Which Workspaces this operator serves (see shard.ts): it serves the Clusters in their namespaces. */
  workspaceSelector: string;
  settings: ClusterSettings;
  demand: DemandReader;
  assignments: AssignmentSender;
  workers: number;
  events: EventRecorder;
  metrics: ControllerMetrics;
  clusterMetrics: ClusterMetrics;
  log: Logger;
}

/** Pods and Services the operator made for clusters. */
const CHILD_SELECTOR = `${Labels.managedBy}=${MANAGED_BY},${Labels.clusterId}`;

/** A pod's or Service's change concerns the Cluster its label names. */
function owningCluster(object: KubernetesObject): string[] {
  const clusterId = object.metadata?.labels?.[Labels.clusterId];
  const namespace = object.metadata?.namespace;
  return clusterId && namespace ? [`${namespace}/${clusterId}`] : [];
}

export function createClusterController(options: ClusterControllerOptions): Controller {
  const { kubeConfig, log, workspaceSelector } = options;
  const customObjects = kubeConfig.makeApiClient(CustomObjectsApi);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const clusters = customResourceInformer<ClusterResource>({
    name: 'clusters',
    kubeConfig,
    type: ClusterType,
    log,
  });
  const workspaces = customResourceInformer<WorkspaceResource>({
    name: 'cluster-workspaces',
    kubeConfig,
    type: WorkspaceType,
    labelSelector: workspaceSelector,
    log,
  });
  const pods = new CachedInformer<V1Pod>({
    name: 'cluster-pods',
    kubeConfig,
    path: '/api/v1/pods',
    list: () => core.listPodForAllNamespaces({ labelSelector: CHILD_SELECTOR }),
    labelSelector: CHILD_SELECTOR,
    log,
  });
  // Idle ones are what a cluster on a pool adopts; their changes concern no cluster.
  const poolPods = new CachedInformer<V1Pod>({
    name: 'cluster-pool-pods',
    kubeConfig,
    path: '/api/v1/pods',
    list: () => core.listPodForAllNamespaces({ labelSelector: POOL_POD_SELECTOR }),
    labelSelector: POOL_POD_SELECTOR,
    log,
  });
  const services = new CachedInformer<V1Service>({
    name: 'cluster-services',
    kubeConfig,
    path: '/api/v1/services',
    list: () => core.listServiceForAllNamespaces({ labelSelector: CHILD_SELECTOR }),
    labelSelector: CHILD_SELECTOR,
    log,
  });
  const reconciler = new ClusterReconciler({
    clusters: clusters.cache,
    workspaces: workspaces.cache,
    pods: pods.cache,
    poolPods: poolPods.cache,
    assignments: options.assignments,
    services: services.cache,
    core,
    customObjects,
    statusWriter: new StatusWriter<ClusterStatus, ClusterResource>(customObjects, ClusterType),
    demand: options.demand,
    events: options.events,
    settings: options.settings,
    metrics: options.clusterMetrics,
  });
  const clustersOfWorkspace = (workspace: WorkspaceResource): string[] =>
    clusters.cache.list(workspaceNamespace(workspace.spec.workspaceId)).map(objectKey);
  return new Controller({
    name: 'cluster',
    sources: [
      primarySource('clusters', clusters),
      mappedSource('workspaces', workspaces, clustersOfWorkspace),
      mappedSource('pods', pods, owningCluster),
      mappedSource('services', services, owningCluster),
      mappedSource('pool-pods', poolPods, () => []),
    ],
    reconcile: (key, keyLog) => reconciler.reconcile(key, keyLog),
    workers: options.workers,
    metrics: options.metrics,
    log,
  });
}
