import { DEFAULT_NODE_TYPE_ID } from '@brickyard/common/catalog';
import {
  buildClusterResource,
  type ClusterAttributes,
  startRequested,
  withDefaults,
} from '@brickyard/common/cluster-spec';
import { type ClusterResource, toCamelCase, type WarehouseResource } from '@brickyard/common/crd';
import { ClusterAttributes as ClusterAttributesSchema } from '@brickyard/common/schema';
import { API_VERSION, Labels, WarehouseAnnotations } from '@brickyard/common/vocabulary';
import { warehouseClusterId } from '@brickyard/common/warehouse-spec';
import type { V1OwnerReference } from '@kubernetes/client-node';
import { billingAnnotations } from './billing.js';
import type { WarehouseSettings } from './settings.js';
import { WAREHOUSE_SIZES } from './sizes.js';

/**
 * The Cluster that is a warehouse's compute, computed from the warehouse (no I/O). The warehouse
 * dictates its whole spec but the restart generation, which only grows (a Spark Connect attach may
 * start the Cluster too): each start of the warehouse raises it once, recorded in an annotation, so
 * a retried reconcile never restarts a cluster twice.
 */

/** What the Cluster runs: the size's workers, stopping after the warehouse's idle minutes. */
function clusterAttributes(spec: WarehouseResource['spec'], settings: WarehouseSettings): ClusterAttributes {
  const tags = spec.tags?.customTags ?? [];
  return withDefaults({
    cluster_name: spec.name,
    spark_version: settings.sparkVersion,
    node_type_id: DEFAULT_NODE_TYPE_ID,
    num_workers: WAREHOUSE_SIZES[spec.clusterSize].workers,
    autotermination_minutes: spec.autoStopMins ?? 0,
    runtime_engine: spec.enablePhoton === false ? 'STANDARD' : 'PHOTON',
    ...(tags.length > 0
      ? { custom_tags: Object.fromEntries(tags.map(({ key, value }) => [key, value])) }
      : {}),
  });
}

function ownerReference(warehouse: WarehouseResource): V1OwnerReference {
  return {
    apiVersion: API_VERSION,
    kind: 'Warehouse',
    name: warehouse.metadata.name ?? '',
    uid: warehouse.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The start generation a Cluster was last started for (0 for one not annotated). */
export function appliedStartGeneration(cluster: ClusterResource): number {
  const applied = Number(cluster.metadata.annotations?.[WarehouseAnnotations.startGeneration]);
  return Number.isSafeInteger(applied) && applied >= 0 ? applied : 0;
}

export interface DesiredClusterInput {
  warehouse: WarehouseResource;
  /** The warehouse's Cluster as observed; undefined when it does not exist yet. */
  current: ClusterResource | undefined;
  workspaceId: number;
  settings: WarehouseSettings;
}

/** The warehouse's Cluster as it should be (to create, or to replace `current` with). */
export function desiredCluster({
  warehouse,
  current,
  workspaceId,
  settings,
}: DesiredClusterInput): ClusterResource {
  const { spec } = warehouse;
  const warehouseId = warehouse.metadata.name ?? '';
  const attributes = clusterAttributes(spec, settings);
  const startGeneration = spec.startGeneration ?? 0;
  const base =
    current ??
    buildClusterResource({
      clusterId: warehouseClusterId(warehouseId),
      workspaceId,
      attributes,
      source: 'SQL',
      ...(spec.creatorName !== undefined ? { creatorUserName: spec.creatorName } : {}),
    });
  // A new Cluster starts as it is made; an existing one starts again once per warehouse start
  // (a start a stop overtook is not carried out, only recorded).
  const startPending =
    current !== undefined &&
    spec.desiredState === 'RUNNING' &&
    appliedStartGeneration(current) < startGeneration;
  const controls = startPending ? startRequested(base.spec) : base.spec;
  return {
    ...base,
    metadata: {
      ...base.metadata,
      labels: { ...base.metadata.labels, [Labels.warehouseId]: warehouseId },
      annotations: {
        ...base.metadata.annotations,
        ...billingAnnotations(spec),
        [WarehouseAnnotations.startGeneration]: String(startGeneration),
      },
      ownerReferences: [ownerReference(warehouse)],
    },
    spec: {
      ...(toCamelCase(attributes, ClusterAttributesSchema) as ClusterResource['spec']),
      desiredState: spec.desiredState === 'RUNNING' ? 'RUNNING' : 'TERMINATED',
      restartGeneration: controls.restartGeneration ?? 0,
      clusterSource: 'SQL',
      ...(spec.creatorName !== undefined ? { creatorUserName: spec.creatorName } : {}),
    },
  };
}
