import type { CatalogResource, SchemaResource, TableResource, VolumeResource } from '@brickyard/common/crd';
import { invalidParameter } from '../../errors/databricks-error.js';
import type { CustomResourceStore } from '../../store/custom-resource-store.js';
import type { MetastoreContext } from './metastore-context.js';
import type { Privilege } from './privileges.js';

type UnityCatalogResource = CatalogResource | SchemaResource | TableResource | VolumeResource;
export type Assignments = { principal: string; privileges: Privilege[] }[];

/** A securable found by type and full name: the object, and the chain from its catalog down to it. */
export interface FoundSecurable {
  type: 'catalog' | 'schema' | 'table' | 'volume';
  object: UnityCatalogResource;
  chain: UnityCatalogResource[];
}

/** The securable of /permissions/{securable_type}/{full_name}; its type in any case, as the SDKs send it. */
export function findSecurable(ctx: MetastoreContext, rawType: string, fullName: string): FoundSecurable {
  const { objects } = ctx;
  const type = rawType.toLowerCase();
  switch (type) {
    case 'catalog': {
      const catalog = objects.requireCatalog(fullName);
      return { type, object: catalog, chain: [catalog] };
    }
    case 'schema': {
      const { catalog, schema } = objects.requireSchema(fullName);
      return { type, object: schema, chain: [catalog, schema] };
    }
    case 'table': {
      const { catalog, schema, table } = objects.requireTable(fullName);
      return { type, object: table, chain: [catalog, schema, table] };
    }
    case 'volume': {
      const { catalog, schema, volume } = objects.requireVolume(fullName);
      return { type, object: volume, chain: [catalog, schema, volume] };
    }
    default:
      throw invalidParameter(`Grants on ${rawType} are not supported; use catalog, schema, table or volume`);
  }
}

async function replaceIn<R extends UnityCatalogResource>(
  store: CustomResourceStore<R>,
  namespace: string,
  name: string,
  assignments: Assignments,
): Promise<void> {
  await store.update(namespace, name, (current) => ({
    ...current,
    spec: { ...current.spec, privilegeAssignments: assignments },
  }));
}

/** Stores the privilege assignments of a securable (the resource's spec is their one home). */
export async function storeAssignments(
  ctx: MetastoreContext,
  found: FoundSecurable,
  assignments: Assignments,
): Promise<void> {
  const { catalogs, schemas, tables, volumes } = ctx.services.unityCatalog;
  const namespace = ctx.metastore.namespace;
  const name = found.object.metadata.name ?? '';
  if (found.type === 'catalog') await replaceIn(catalogs, namespace, name, assignments);
  else if (found.type === 'schema') await replaceIn(schemas, namespace, name, assignments);
  else if (found.type === 'table') await replaceIn(tables, namespace, name, assignments);
  else await replaceIn(volumes, namespace, name, assignments);
}
