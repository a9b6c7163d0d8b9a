import type { CatalogResource, SchemaResource, TableResource, VolumeResource } from '@brickyard/common/crd';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { UnityCatalogStores } from '../../store/unity-catalog-stores.js';
import { fullNameParts, objectName } from './names.js';
import {
  catalogDoesNotExist,
  schemaDoesNotExist,
  tableDoesNotExist,
  volumeDoesNotExist,
} from './uc-errors.js';

export interface SchemaPath {
  catalog: CatalogResource;
  schema: SchemaResource;
}
export interface TablePath extends SchemaPath {
  table: TableResource;
}
export interface VolumePath extends SchemaPath {
  volume: VolumeResource;
}

const isLive = (object: KubernetesObject) => !object.metadata?.deletionTimestamp;
const byName = <T extends { spec: { name: string } }>(a: T, b: T) => a.spec.name.localeCompare(b.spec.name);

/**
 * One workspace's metastore as the API's caches hold it, looked up by name. Objects refer to
 * their parents by id, so an object is reached only through live parents: one whose catalog or
 * schema is gone (or going) does not exist.
 */
export class MetastoreObjects {
  constructor(
    private readonly stores: UnityCatalogStores,
    readonly namespace: string,
  ) {}

  catalogs(): CatalogResource[] {
    return this.stores.catalogs.list(this.namespace).filter(isLive).sort(byName);
  }

  schemas(catalog: CatalogResource): SchemaResource[] {
    const catalogId = catalog.metadata.name;
    return this.stores.schemas
      .list(this.namespace)
      .filter((schema) => isLive(schema) && schema.spec.catalogId === catalogId)
      .sort(byName);
  }

  tables(schema: SchemaResource): TableResource[] {
    const schemaId = schema.metadata.name;
    return this.stores.tables
      .list(this.namespace)
      .filter((table) => isLive(table) && table.spec.schemaId === schemaId)
      .sort(byName);
  }

  volumes(schema: SchemaResource): VolumeResource[] {
    const schemaId = schema.metadata.name;
    return this.stores.volumes
      .list(this.namespace)
      .filter((volume) => isLive(volume) && volume.spec.schemaId === schemaId)
      .sort(byName);
  }

  /** Every table and volume of the metastore, for checks across all of them (locations). */
  allTablesAndVolumes(): (TableResource | VolumeResource)[] {
    return [...this.stores.tables.list(this.namespace), ...this.stores.volumes.list(this.namespace)].filter(
      isLive,
    );
  }

  findCatalog(name: string): CatalogResource | undefined {
    return this.catalogs().find((catalog) => catalog.spec.name === name);
  }

  findSchema(catalog: CatalogResource, name: string): SchemaResource | undefined {
    return this.schemas(catalog).find((schema) => schema.spec.name === name);
  }

  findTable(schema: SchemaResource, name: string): TableResource | undefined {
    return this.tables(schema).find((table) => table.spec.name === name);
  }

  findVolume(schema: SchemaResource, name: string): VolumeResource | undefined {
    return this.volumes(schema).find((volume) => volume.spec.name === name);
  }

  requireCatalog(rawName: string): CatalogResource {
    const name = objectName(rawName, 'catalog');
    const catalog = this.findCatalog(name);
    if (!catalog) throw catalogDoesNotExist(name);
    return catalog;
  }

  requireSchema(rawFullName: string): SchemaPath {
    const [catalogName, schemaName] = fullNameParts(rawFullName, 2, 'schema');
    return this.schemaPath(catalogName, schemaName);
  }

  /** The schema of a create request that names its catalog and schema separately. */
  schemaPath(rawCatalogName: string, rawSchemaName: string): SchemaPath {
    const catalog = this.requireCatalog(rawCatalogName);
    const schemaName = objectName(rawSchemaName, 'schema');
    const schema = this.findSchema(catalog, schemaName);
    if (!schema) throw schemaDoesNotExist(`${catalog.spec.name}.${schemaName}`);
    return { catalog, schema };
  }

  requireTable(rawFullName: string): TablePath {
    const [catalogName, schemaName, tableName] = fullNameParts(rawFullName, 3, 'table');
    const path = this.schemaPath(catalogName, schemaName);
    const table = this.findTable(path.schema, tableName);
    if (!table) throw tableDoesNotExist(`${catalogName}.${schemaName}.${tableName}`);
    return { ...path, table };
  }

  requireVolume(rawFullName: string): VolumePath {
    const [catalogName, schemaName, volumeName] = fullNameParts(rawFullName, 3, 'volume');
    const path = this.schemaPath(catalogName, schemaName);
    const volume = this.findVolume(path.schema, volumeName);
    if (!volume) throw volumeDoesNotExist(`${catalogName}.${schemaName}.${volumeName}`);
    return { ...path, volume };
  }
}
