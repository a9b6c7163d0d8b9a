import type { CatalogResource, SchemaResource } from '@brickyard/common/crd';
import type { MetastoreContext } from './metastore-context.js';

/**
 * After a rename, rewrites the full names that the resources below repeat for `kubectl get`. The
 * API reads names through the parents, so a failure here is logged, not reported.
 */
export async function refreshFullNames(
  ctx: MetastoreContext,
  catalog: CatalogResource,
  schemas: SchemaResource[],
): Promise<void> {
  const { namespace } = ctx.metastore;
  const { unityCatalog } = ctx.services;
  const rename =
    <R extends { spec: { fullName: string } }>(fullName: string) =>
    (current: R) => ({
      ...current,
      spec: { ...current.spec, fullName },
    });
  try {
    for (const schema of schemas) {
      const schemaName = `${catalog.spec.name}.${schema.spec.name}`;
      if (schema.spec.fullName !== schemaName) {
        await unityCatalog.schemas.update(namespace, schema.metadata.name ?? '', rename(schemaName));
      }
      for (const table of ctx.objects.tables(schema)) {
        const name = `${schemaName}.${table.spec.name}`;
        if (table.spec.fullName !== name) {
          await unityCatalog.tables.update(namespace, table.metadata.name ?? '', rename(name));
        }
      }
      for (const volume of ctx.objects.volumes(schema)) {
        const name = `${schemaName}.${volume.spec.name}`;
        if (volume.spec.fullName !== name) {
          await unityCatalog.volumes.update(namespace, volume.metadata.name ?? '', rename(name));
        }
      }
    }
  } catch (error) {
    ctx.log.warn({ err: error, catalog: catalog.spec.name }, 'Could not refresh full names after a rename');
  }
}
