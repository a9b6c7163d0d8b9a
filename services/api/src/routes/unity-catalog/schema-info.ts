import { toSnakeCase } from '@brickyard/common/crd';
import { SchemaSpec } from '@brickyard/common/schema';
import { type Static, Type } from 'typebox';
import type { Metastore } from './metastore.js';
import type { SchemaPath } from './metastore-objects.js';
import { OwnershipInfo, ownershipInfo, PropertiesInfo } from './ownership-info.js';

export const INFORMATION_SCHEMA = 'information_schema';

/** SchemaInfo (sdk-py catalog.py) as Databricks shows it. */
export const SchemaInfo = Type.Object({
  name: Type.String(),
  catalog_name: Type.String(),
  full_name: Type.String(),
  schema_id: Type.String(),
  catalog_type: Type.String(),
  securable_type: Type.Literal('SCHEMA'),
  securable_kind: Type.String(),
  properties: PropertiesInfo,
  ...OwnershipInfo,
});
export type SchemaInfo = Static<typeof SchemaInfo>;

export function toSchemaInfo({ catalog, schema }: SchemaPath, metastore: Metastore): SchemaInfo {
  const spec = toSnakeCase(schema.spec, SchemaSpec);
  const system = spec.name === INFORMATION_SCHEMA || catalog.spec.catalogType === 'SYSTEM_CATALOG';
  return {
    name: spec.name,
    catalog_name: catalog.spec.name,
    full_name: `${catalog.spec.name}.${spec.name}`,
    schema_id: schema.metadata.name ?? '',
    catalog_type: catalog.spec.catalogType,
    securable_type: 'SCHEMA',
    securable_kind: system ? 'SCHEMA_SYSTEM' : 'SCHEMA_STANDARD',
    ...(spec.properties ? { properties: spec.properties } : {}),
    ...ownershipInfo(spec, metastore),
  };
}
