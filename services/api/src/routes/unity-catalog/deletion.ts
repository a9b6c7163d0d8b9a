import type { CatalogResource, SchemaResource, TableResource, VolumeResource } from '@brickyard/common/crd';
import { deleteManagedFiles } from './managed-files.js';
import type { MetastoreContext } from './metastore-context.js';
import { INFORMATION_SCHEMA } from './schema-info.js';
import { catalogNotEmpty, schemaNotEmpty } from './uc-errors.js';

/**
 * Deletes, children first: a failure part way leaves a partly emptied parent that a retry
 * finishes, never objects whose parent is gone. Managed tables and volumes take their files
 * with them (first, so that a retry finds what is left); external ones leave theirs.
 */

export async function deleteTable(ctx: MetastoreContext, table: TableResource): Promise<void> {
  const location = table.spec.storageLocation;
  if (table.spec.tableType === 'MANAGED' && location) await deleteManagedFiles(ctx, location);
  await ctx.services.unityCatalog.tables.delete(ctx.metastore.namespace, table.metadata.name ?? '');
}

export async function deleteVolume(ctx: MetastoreContext, volume: VolumeResource): Promise<void> {
  if (volume.spec.volumeType === 'MANAGED') await deleteManagedFiles(ctx, volume.spec.storageLocation);
  await ctx.services.unityCatalog.volumes.delete(ctx.metastore.namespace, volume.metadata.name ?? '');
}

/** Deletes a schema; one with tables or volumes only with `force`. */
export async function deleteSchema(
  ctx: MetastoreContext,
  catalog: CatalogResource,
  schema: SchemaResource,
  force: boolean,
): Promise<void> {
  const tables = ctx.objects.tables(schema);
  const volumes = ctx.objects.volumes(schema);
  if (!force && tables.length + volumes.length > 0) {
    throw schemaNotEmpty(`${catalog.spec.name}.${schema.spec.name}`);
  }
  for (const table of tables) await deleteTable(ctx, table);
  for (const volume of volumes) await deleteVolume(ctx, volume);
  await ctx.services.unityCatalog.schemas.delete(ctx.metastore.namespace, schema.metadata.name ?? '');
}

/** Deletes a catalog; one with schemas besides information_schema only with `force`. */
export async function deleteCatalog(ctx: MetastoreContext, catalog: CatalogResource, force: boolean) {
  const schemas = ctx.objects.schemas(catalog);
  if (!force && schemas.some((schema) => schema.spec.name !== INFORMATION_SCHEMA)) {
    throw catalogNotEmpty(catalog.spec.name);
  }
  for (const schema of schemas) await deleteSchema(ctx, catalog, schema, true);
  await ctx.services.unityCatalog.catalogs.delete(ctx.metastore.namespace, catalog.metadata.name ?? '');
}
