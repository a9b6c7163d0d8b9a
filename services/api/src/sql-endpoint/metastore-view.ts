import { toSnakeCase } from '@brickyard/common/crd';
import { TableSpec } from '@brickyard/common/schema';
import { MetastoreObjects } from '../routes/unity-catalog/metastore-objects.js';
import type { ApiServices } from '../services.js';
import type { MetastoreView } from './metadata-results.js';

/**
 * The workspace's Unity Catalog metastore, as the Unity Catalog API's caches hold it: the metadata
 * calls answer from it without a running warehouse. Unity Catalog holds tables, not views, so
 * every object is a TABLE.
 */
export function unityCatalogView(services: ApiServices, namespace: string): MetastoreView {
  const objects = new MetastoreObjects(services.unityCatalog, namespace);
  return {
    catalogs: () =>
      objects.catalogs().map((catalog) => ({
        name: catalog.spec.name,
        schemas: () =>
          objects.schemas(catalog).map((schema) => ({
            name: schema.spec.name,
            tables: () =>
              objects.tables(schema).map((table) => {
                const spec = toSnakeCase(table.spec, TableSpec);
                return {
                  name: spec.name,
                  type: spec.table_type === 'VIEW' ? 'VIEW' : 'TABLE',
                  comment: spec.comment,
                  columns: spec.columns ?? [],
                };
              }),
          })),
      })),
  };
}
