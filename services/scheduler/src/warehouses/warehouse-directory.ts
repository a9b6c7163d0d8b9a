import type { QueryResource, WarehouseResource } from '@brickyard/common/crd';
import { type CachedInformer, customResourceInformer, isNotFound, mergePatch } from '@brickyard/common/kube';
import { GROUP, VERSION, workspaceNamespace } from '@brickyard/common/vocabulary';
import {
  hasObservedWarehouseGeneration,
  reportedWarehouseState,
  warehouseStartRequested,
} from '@brickyard/common/warehouse-spec';
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import {
  MISSING_WAREHOUSE,
  type SavedQueryObservation,
  type WarehouseObservation,
} from '../runs/observations.js';
import { savedQueryObservation } from './saved-query.js';

const FIELD_MANAGER = 'brickyard-scheduler';

/**
 * The SQL warehouses and saved queries as the scheduler sees them (informers over every
 * namespace), for sql_tasks, and the one thing it does to a warehouse: start a stopped one a task
 * needs, with the spec change the SQL Warehouses API's start makes (warehouseStartRequested). The
 * operator then starts the warehouse's compute; the scheduler never touches that Cluster's spec.
 */
export class WarehouseDirectory {
  private readonly api: CustomObjectsApi;
  private readonly warehouses: CachedInformer<WarehouseResource>;
  private readonly queries: CachedInformer<QueryResource>;

  constructor(kubeConfig: KubeConfig, log: Logger) {
    this.api = kubeConfig.makeApiClient(CustomObjectsApi);
    this.warehouses = customResourceInformer<WarehouseResource>({
      name: 'warehouses',
      kubeConfig,
      type: { group: GROUP, version: VERSION, plural: 'warehouses' },
      log,
    });
    this.queries = customResourceInformer<QueryResource>({
      name: 'queries',
      kubeConfig,
      type: { group: GROUP, version: VERSION, plural: 'queries' },
      log,
    });
  }

  /** Called on every add, change and delete of a warehouse. */
  onChange(listener: (warehouse: WarehouseResource) => void): void {
    this.warehouses.onChange(listener);
  }

  async start(): Promise<void> {
    await Promise.all([this.warehouses.start(), this.queries.start()]);
  }

  get synced(): Promise<void> {
    return Promise.all([this.warehouses.synced, this.queries.synced]).then(() => undefined);
  }

  async stop(): Promise<void> {
    await Promise.all([this.warehouses.stop(), this.queries.stop()]);
  }

  private get(workspaceId: number, warehouseId: string): WarehouseResource | undefined {
    return this.warehouses.cache.get(workspaceNamespace(workspaceId), warehouseId);
  }

  observe(workspaceId: number, warehouseId: string): WarehouseObservation {
    const warehouse = this.get(workspaceId, warehouseId);
    if (!warehouse) return MISSING_WAREHOUSE;
    return {
      exists: true,
      deleted: Boolean(warehouse.metadata.deletionTimestamp) || warehouse.spec.desiredState === 'DELETED',
      ...(warehouse.status?.state ? { state: reportedWarehouseState(warehouse) } : {}),
      changePending: !hasObservedWarehouseGeneration(warehouse, warehouse.metadata.generation),
    };
  }

  savedQuery(workspaceId: number, queryId: string): SavedQueryObservation {
    return savedQueryObservation(queryId, this.queries.cache.get(workspaceNamespace(workspaceId), queryId));
  }

  /**
   * Asks for a stopped warehouse to start, guarded by the resourceVersion the decision was made
   * on: a concurrent change (a statement's start, a user's stop) fails it with a conflict, and the
   * next look decides again. False when the warehouse is gone.
   */
  async startWarehouse(workspaceId: number, warehouseId: string): Promise<boolean> {
    const current = this.get(workspaceId, warehouseId);
    if (!current) return false;
    const { desiredState, startGeneration } = warehouseStartRequested(current.spec);
    try {
      const updated = (await this.api.patchNamespacedCustomObject(
        {
          group: GROUP,
          version: VERSION,
          plural: 'warehouses',
          namespace: workspaceNamespace(workspaceId),
          name: warehouseId,
          body: {
            metadata: { resourceVersion: current.metadata.resourceVersion },
            spec: { desiredState, startGeneration },
          },
          fieldManager: FIELD_MANAGER,
        },
        mergePatch,
      )) as WarehouseResource;
      this.warehouses.cache.upsert(updated);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
}
