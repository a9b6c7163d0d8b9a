import type { InstancePoolResource, WorkspaceResource } from '@brickyard/common/crd';
import type { ControllerMetrics } from '@brickyard/common/kube';
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
import { CoreV1Api, CustomObjectsApi, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { ClusterSettings } from '../cluster/settings.js';
import { WorkspaceType } from '../workspace/workspace-type.js';
import type { PoolMetrics } from './pool-metrics.js';
import { type InstancePoolStatus, InstancePoolType } from './pool-type.js';
import { InstancePoolReconciler } from './reconciler.js';

export interface InstancePoolControllerOptions {
  kubeConfig: KubeConfig;
  /** Which Workspaces this operator serves (see shard.ts): it serves the pools in their namespaces. */
  workspaceSelector: string;
  /** Pool pods are cluster pods in waiting: they run, and are placed, as those are. */
  settings: ClusterSettings;
  workers: number;
  metrics: ControllerMetrics;
  poolMetrics: PoolMetrics;
  log: Logger;
}

/** The pods of instance pools, idle and adopted. */
export const POOL_POD_SELECTOR = `${Labels.managedBy}=${MANAGED_BY},${Labels.instancePoolId}`;

/** A pool pod's change concerns the pool its label names. */
function owningPool(pod: V1Pod): string[] {
  const poolId = pod.metadata?.labels?.[Labels.instancePoolId];
  const namespace = pod.metadata?.namespace;
  return poolId && namespace ? [`${namespace}/${poolId}`] : [];
}

export function createInstancePoolController(options: InstancePoolControllerOptions): Controller {
  const { kubeConfig, log, workspaceSelector } = options;
  const customObjects = kubeConfig.makeApiClient(CustomObjectsApi);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const pools = customResourceInformer<InstancePoolResource>({
    name: 'instance-pools',
    kubeConfig,
    type: InstancePoolType,
    log,
  });
  const workspaces = customResourceInformer<WorkspaceResource>({
    name: 'pool-workspaces',
    kubeConfig,
    type: WorkspaceType,
    labelSelector: workspaceSelector,
    log,
  });
  const pods = new CachedInformer<V1Pod>({
    name: 'pool-pods',
    kubeConfig,
    path: '/api/v1/pods',
    list: () => core.listPodForAllNamespaces({ labelSelector: POOL_POD_SELECTOR }),
    labelSelector: POOL_POD_SELECTOR,
    log,
  });
  const reconciler = new InstancePoolReconciler({
    pools: pools.cache,
    workspaces: workspaces.cache,
    pods: pods.cache,
    core,
    statusWriter: new StatusWriter<InstancePoolStatus, InstancePoolResource>(customObjects, InstancePoolType),
    settings: options.settings,
    metrics: options.poolMetrics,
  });
  const poolsOfWorkspace = (workspace: WorkspaceResource): string[] =>
    pools.cache.list(workspaceNamespace(workspace.spec.workspaceId)).map(objectKey);
  return new Controller({
    name: 'instance-pool',
    sources: [
      primarySource('instance-pools', pools),
      mappedSource('workspaces', workspaces, poolsOfWorkspace),
      mappedSource('pods', pods, owningPool),
    ],
    reconcile: (key, keyLog) => reconciler.reconcile(key, keyLog),
    workers: options.workers,
    metrics: options.metrics,
    log,
  });
}
