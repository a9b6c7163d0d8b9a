import type { ClusterResource, WarehouseResource, WorkspaceResource } from '@brickyard/common/crd';
import type { ObjectCache, ReconcileResult, StatusWriter } from '@brickyard/common/kube';
import { isAlreadyExists, isConflict, isNotFound, jsonEqual } from '@brickyard/common/kube';
import { workspaceNamespace } from '@brickyard/common/vocabulary';
import { warehouseClusterId } from '@brickyard/common/warehouse-spec';
import type { CustomObjectsApi } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { ClusterType } from '../cluster/cluster-type.js';
import { deleteClusterResource } from '../cluster/delete-cluster.js';
import { desiredCluster } from './desired.js';
import type { WarehouseSettings } from './settings.js';
import { computeWarehouseStatus } from './status.js';
import { type WarehouseStatus, WarehouseType } from './warehouse-type.js';

export interface WarehouseReconcilerOptions {
  warehouses: ObjectCache<WarehouseResource>;
  /** The Clusters that are warehouses' compute. */
  clusters: ObjectCache<ClusterResource>;
  /** The Workspaces this operator serves: it serves the Warehouses in their namespaces. */
  workspaces: ObjectCache<WorkspaceResource>;
  customObjects: CustomObjectsApi;
  statusWriter: StatusWriter<WarehouseStatus, WarehouseResource>;
  settings: WarehouseSettings;
  clock?: () => number;
}

const FIELD_MANAGER = 'brickyard-operator';

/** Whether the observed Cluster lacks something the warehouse dictates. */
function clusterDiffers(current: ClusterResource, desired: ClusterResource): boolean {
  const { metadata: now } = current;
  const { metadata: wanted } = desired;
  return (
    !jsonEqual(current.spec, desired.spec) ||
    !jsonEqual(now.labels, wanted.labels) ||
    !jsonEqual(now.annotations, wanted.annotations) ||
    !jsonEqual(now.ownerReferences, wanted.ownerReferences)
  );
}

/**
 * Reconciles one Warehouse into the Cluster that is its compute (the cluster controller runs that
 * as any other cluster: pods, Spark, auto-termination after auto_stop_mins): observe the Warehouse
 * and its Cluster, make or bring the Cluster in line (desired.ts), then publish the warehouse's
 * state derived from the Cluster's (status.ts). A deleted warehouse loses its Cluster, answers
 * DELETED for settings.deletedRetentionMs, then its resource goes.
 */
export class WarehouseReconciler {
  private readonly clock: () => number;

  constructor(private readonly options: WarehouseReconcilerOptions) {
    this.clock = options.clock ?? Date.now;
  }

  async reconcile(key: string, log: Logger): Promise<ReconcileResult> {
    const [namespace = '', name = ''] = key.split('/');
    const warehouse = this.options.warehouses.get(namespace, name);
    // A Warehouse deleted from Kubernetes takes its Cluster along (owner reference, garbage collector).
    if (!warehouse || warehouse.metadata.deletionTimestamp) return {};
    const workspace = this.workspaceOf(namespace);
    if (!workspace) return {};
    const cluster = this.options.clusters.get(namespace, warehouseClusterId(name));
    const now = this.clock();

    if (warehouse.spec.desiredState === 'DELETED') {
      if (cluster && !cluster.metadata.deletionTimestamp) await this.deleteCluster(cluster, log);
      const status = computeWarehouseStatus({ warehouse, cluster, now });
      await this.writeStatus(warehouse, status);
      if (status.deletedTime === undefined) return {};
      const removeAt = status.deletedTime + this.options.settings.deletedRetentionMs;
      if (now < removeAt) return { requeueAfterMs: removeAt - now };
      await this.removeWarehouse(warehouse, log);
      return {};
    }

    // A Cluster someone deleted is made again once it is gone (its removal queues this warehouse).
    const deleting = cluster?.metadata.deletionTimestamp !== undefined;
    const synced = deleting ? undefined : await this.syncCluster(warehouse, cluster, workspace, log);
    if (synced === 'made-meanwhile') return {};
    await this.writeStatus(warehouse, computeWarehouseStatus({ warehouse, cluster: synced, now }));
    return {};
  }

  /** The Workspace whose namespace this is, if this operator serves it. */
  private workspaceOf(namespace: string): WorkspaceResource | undefined {
    return this.options.workspaces
      .list()
      .find((workspace) => workspaceNamespace(workspace.spec.workspaceId) === namespace);
  }

  /**
   * Creates the Cluster or replaces it where it differs; returns it as stored, or 'made-meanwhile'
   * when a create finds it exists already (the cache lagged; its watch event queues a new reconcile).
   */
  private async syncCluster(
    warehouse: WarehouseResource,
    current: ClusterResource | undefined,
    workspace: WorkspaceResource,
    log: Logger,
  ): Promise<ClusterResource | 'made-meanwhile'> {
    const { customObjects, clusters, settings } = this.options;
    const desired = desiredCluster({ warehouse, current, workspaceId: workspace.spec.workspaceId, settings });
    if (current && !clusterDiffers(current, desired)) return current;
    const namespace = desired.metadata.namespace ?? '';
    const name = desired.metadata.name ?? '';
    if (current) {
      // Guarded by the observed resourceVersion: a conflict reconciles again on the newer Cluster.
      const replaced = (await customObjects.replaceNamespacedCustomObject({
        ...ClusterType,
        namespace,
        name,
        body: desired,
        fieldManager: FIELD_MANAGER,
      })) as ClusterResource;
      clusters.upsert(replaced);
      log.info({ cluster: name }, 'Updated Cluster');
      return replaced;
    }
    try {
      const created = (await customObjects.createNamespacedCustomObject({
        ...ClusterType,
        namespace,
        body: desired,
        fieldManager: FIELD_MANAGER,
      })) as ClusterResource;
      clusters.upsert(created);
      log.info({ cluster: name }, 'Created Cluster');
      return created;
    } catch (error) {
      if (isAlreadyExists(error)) return 'made-meanwhile';
      throw error;
    }
  }

  private async deleteCluster(cluster: ClusterResource, log: Logger): Promise<void> {
    if (!(await deleteClusterResource(this.options.customObjects, cluster))) return;
    log.info({ cluster: cluster.metadata.name }, 'Deleted Cluster of a deleted warehouse');
  }

  /** Removes a deleted warehouse's resource once its retention is over (uid-guarded, as clusters'). */
  private async removeWarehouse(warehouse: WarehouseResource, log: Logger): Promise<void> {
    try {
      await this.options.customObjects.deleteNamespacedCustomObject({
        ...WarehouseType,
        namespace: warehouse.metadata.namespace ?? '',
        name: warehouse.metadata.name ?? '',
        body: { preconditions: { ...(warehouse.metadata.uid ? { uid: warehouse.metadata.uid } : {}) } },
      });
    } catch (error) {
      if (isNotFound(error) || isConflict(error)) return;
      throw error;
    }
    log.info({ retentionMs: this.options.settings.deletedRetentionMs }, 'Removed deleted warehouse');
  }

  private async writeStatus(warehouse: WarehouseResource, status: WarehouseStatus): Promise<void> {
    const written = await this.options.statusWriter.write(warehouse, status);
    if (written) this.options.warehouses.upsert(written);
  }
}
