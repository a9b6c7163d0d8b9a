import { toSnakeCase } from '@brickyard/common/crd';
import { ColumnInfo, TableSpec } from '@brickyard/common/schema';
import { type Static, Type } from 'typebox';
import type { Metastore } from './metastore.js';
import type { TablePath } from './metastore-objects.js';
import { OwnershipInfo, ownershipInfo, PropertiesInfo } from './ownership-info.js';

/** TableInfo (sdk-py catalog.py); the user names are optional because lists may omit them. */
export const TableInfo = Type.Object({
  name: Type.String(),
  catalog_name: Type.String(),
  schema_name: Type.String(),
  full_name: Type.String(),
  table_id: Type.String(),
  table_type: Type.String(),
  data_source_format: Type.Optional(Type.String()),
  storage_location: Type.Optional(Type.String()),
  view_definition: Type.Optional(Type.String()),
  columns: Type.Optional(Type.Array(ColumnInfo)),
  properties: PropertiesInfo,
  ...OwnershipInfo,
  owner: Type.Optional(Type.String()),
  created_by: Type.Optional(Type.String()),
  updated_by: Type.Optional(Type.String()),
});
export type TableInfo = Static<typeof TableInfo>;

/** What tables/list may leave out (its omit_* parameters). */
interface TableInfoOmissions {
  columns?: boolean | undefined;
  properties?: boolean | undefined;
  username?: boolean | undefined;
}

export function toTableInfo(
  { catalog, schema, table }: TablePath,
  metastore: Metastore,
  omit: TableInfoOmissions = {},
): TableInfo {
  const spec = toSnakeCase(table.spec, TableSpec);
  const { owner, created_by, updated_by, ...ownership } = ownershipInfo(spec, metastore);
  return {
    name: spec.name,
    catalog_name: catalog.spec.name,
    schema_name: schema.spec.name,
    full_name: `${catalog.spec.name}.${schema.spec.name}.${spec.name}`,
    table_id: table.metadata.name ?? '',
    table_type: spec.table_type,
    ...(spec.data_source_format === undefined ? {} : { data_source_format: spec.data_source_format }),
    ...(spec.storage_location === undefined ? {} : { storage_location: spec.storage_location }),
    ...(spec.view_definition === undefined ? {} : { view_definition: spec.view_definition }),
    ...(omit.columns ? {} : { columns: spec.columns ?? [] }),
    ...(omit.properties || !spec.properties ? {} : { properties: spec.properties }),
    ...ownership,
    ...(omit.username ? {} : { owner, created_by, updated_by }),
  };
}
