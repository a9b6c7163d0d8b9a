import type { WarehouseResource } from '@brickyard/common/crd';
import { CLUSTER_SIZES, type ClusterSize, WarehouseAttributes } from '@brickyard/common/schema';
import {
  type WarehouseDefinition,
  warehouseProblems,
  withWarehouseDefaults,
} from '@brickyard/common/warehouse-spec';
import { type Static, Type } from 'typebox';
import { invalidParameter } from '../../../errors/databricks-error.js';

/**
 * The body of create and edit: the attributes, with any cluster_size string, so that an unknown
 * size gets a message naming the sizes rather than the schema's.
 */
export const WarehouseBody = Type.Object({
  ...WarehouseAttributes.properties,
  cluster_size: Type.Optional(Type.String()),
});
export type WarehouseBody = Static<typeof WarehouseBody>;

const isClusterSize = (size: string): size is ClusterSize =>
  (CLUSTER_SIZES as readonly string[]).includes(size);

/**
 * The checks Databricks makes on a warehouse beyond its JSON shape: a name and a size, then the
 * warehouse-spec rules (which the CRD enforces too) on the definition with its defaults. Returns
 * the definition.
 */
export function validateDefinition(body: WarehouseBody): WarehouseDefinition {
  const { name, cluster_size } = body;
  if (name === undefined || name.trim() === '') throw invalidParameter('Missing required field: name');
  if (cluster_size === undefined) throw invalidParameter('Missing required field: cluster_size');
  if (!isClusterSize(cluster_size)) {
    throw invalidParameter(
      `Invalid cluster_size ${cluster_size}; supported values are ${CLUSTER_SIZES.join(', ')}`,
    );
  }
  const definition = withWarehouseDefaults({ ...body, name, cluster_size });
  const [problem] = warehouseProblems({ ...definition, desired_state: 'RUNNING' });
  if (problem !== undefined) throw invalidParameter(problem);
  return definition;
}

/**
 * Names are unique in a workspace among the warehouses not deleted (Databricks' wording). Checked
 * against the cache: two creates of one name at the same moment may both pass.
 */
export function assertNameFree(warehouses: WarehouseResource[], name: string, exceptId?: string): void {
  const taken = warehouses.some(
    (warehouse) =>
      warehouse.spec.name === name &&
      warehouse.spec.desiredState !== 'DELETED' &&
      !warehouse.metadata.deletionTimestamp &&
      warehouse.metadata.name !== exceptId,
  );
  if (taken) throw invalidParameter(`SQL warehouse with name \`${name}\` already exists`);
}
