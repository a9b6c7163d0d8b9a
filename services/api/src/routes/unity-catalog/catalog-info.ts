import { type CatalogResource, toSnakeCase } from '@brickyard/common/crd';
import { CatalogSpec } from '@brickyard/common/schema';
import { type Static, Type } from 'typebox';
import type { Metastore } from './metastore.js';
import { OwnershipInfo, ownershipInfo, PropertiesInfo } from './ownership-info.js';

/** CatalogInfo (sdk-py catalog.py) as Databricks shows it, with `id` and the securable's kind. */
export const CatalogInfo = Type.Object({
  name: Type.String(),
  full_name: Type.String(),
  id: Type.String(),
  catalog_type: Type.String(),
  securable_type: Type.Literal('CATALOG'),
  securable_kind: Type.String(),
  isolation_mode: Type.Literal('OPEN'),
  provisioning_info: Type.Object({ state: Type.Literal('ACTIVE') }),
  properties: PropertiesInfo,
  ...OwnershipInfo,
});
export type CatalogInfo = Static<typeof CatalogInfo>;

export function toCatalogInfo(catalog: CatalogResource, metastore: Metastore): CatalogInfo {
  const spec = toSnakeCase(catalog.spec, CatalogSpec);
  return {
    name: spec.name,
    full_name: spec.name,
    id: catalog.metadata.name ?? '',
    catalog_type: spec.catalog_type,
    securable_type: 'CATALOG',
    securable_kind: spec.catalog_type === 'SYSTEM_CATALOG' ? 'CATALOG_SYSTEM' : 'CATALOG_STANDARD',
    isolation_mode: 'OPEN',
    provisioning_info: { state: 'ACTIVE' },
    ...(spec.properties ? { properties: spec.properties } : {}),
    ...ownershipInfo(spec, metastore),
  };
}
