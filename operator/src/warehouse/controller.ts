import type { ClusterResource, WarehouseResource, WorkspaceResource } from '@brickyard/common/crd';
import type { ControllerMetrics } from '@brickyard/common/kube';
import {
  Controller,
  customResourceInformer,
  mappedSource,
  objectKey,
  primarySource,
  StatusWriter,
} from '@brickyard/common/kube';
import { Labels, workspaceNamespace } from '@brickyard/common/vocabulary';
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { ClusterType } from '../cluster/cluster-type.js';
import { WorkspaceType } from '../workspace/workspace-type.js';
import { WarehouseReconciler } from './reconciler.js';
import type { WarehouseSettings } from './settings.js';
import { type WarehouseStatus, WarehouseType } from './warehouse-type.js';

export interface WarehouseControllerOptions {
  kubeConfig: KubeConfig;
  /** Which Workspaces this operator serves (see shard.ts): it serves the Warehouses in their namespaces. */
  workspaceSelector: string;
  settings: WarehouseSettings;
  workers: number;
  metrics: ControllerMetrics;
  log: Logger;
}

/** A Cluster's change concerns the Warehouse its label names. */
function owningWarehouse(cluster: ClusterResource): string[] {
  const warehouseId = cluster.metadata.labels?.[Labels.warehouseId];
  const namespace = cluster.metadata.namespace;
  return warehouseId && namespace ? [`${namespace}/${warehouseId}`] : [];
}

export function createWarehouseController(options: WarehouseControllerOptions): Controller {
  const { kubeConfig, log, workspaceSelector } = options;
  const customObjects = kubeConfig.makeApiClient(CustomObjectsApi);
  const warehouses = customResourceInformer<WarehouseResource>({
    name: 'warehouses',
    kubeConfig,
    type: WarehouseType,
    log,
  });
  // Only the Clusters that are warehouses' compute: their state is the warehouses' state.
  const clusters = customResourceInformer<ClusterResource>({
    name: 'warehouse-clusters',
    kubeConfig,
    type: ClusterType,
    labelSelector: Labels.warehouseId,
    log,
  });
  const workspaces = customResourceInformer<WorkspaceResource>({
    name: 'warehouse-workspaces',
    kubeConfig,
    type: WorkspaceType,
    labelSelector: workspaceSelector,
    log,
  });
  const reconciler = new WarehouseReconciler({
    warehouses: warehouses.cache,
    clusters: clusters.cache,
    workspaces: workspaces.cache,
    customObjects,
    statusWriter: new StatusWriter<WarehouseStatus, WarehouseResource>(customObjects, WarehouseType),
    settings: options.settings,
  });
  const warehousesOfWorkspace = (workspace: WorkspaceResource): string[] =>
    warehouses.cache.list(workspaceNamespace(workspace.spec.workspaceId)).map(objectKey);
  return new Controller({
    name: 'warehouse',
    sources: [
      primarySource('warehouses', warehouses),
      mappedSource('workspaces', workspaces, warehousesOfWorkspace),
      mappedSource('clusters', clusters, owningWarehouse),
    ],
    reconcile: (key, keyLog) => reconciler.reconcile(key, keyLog),
    workers: options.workers,
    metrics: options.metrics,
    log,
  });
}
