import { get } from '../../rest/client';

/** Unity Catalog's securables (sdk-py catalog.py), as far as the Catalog pages read them. */

interface Securable {
  name: string;
  full_name: string;
  owner?: string;
  comment?: string;
  created_at?: number;
  created_by?: string;
  updated_at?: number;
  properties?: Record<string, string>;
}

export interface CatalogInfo extends Securable {
  catalog_type: string;
}

export interface SchemaInfo extends Securable {
  catalog_name: string;
}

export interface ColumnInfo {
  name: string;
  type_text?: string;
  type_name?: string;
  nullable?: boolean;
  comment?: string;
  position?: number;
  partition_index?: number;
}

export interface TableInfo extends Securable {
  catalog_name: string;
  schema_name: string;
  table_type: string;
  data_source_format?: string;
  storage_location?: string;
  view_definition?: string;
  columns?: ColumnInfo[];
}

export interface VolumeInfo extends Securable {
  catalog_name: string;
  schema_name: string;
  volume_type: string;
  storage_location: string;
}

const UC = '/api/2.1/unity-catalog';

type Page<K extends string, T> = { [key in K]?: T[] } & { next_page_token?: string };

/** Every page of a Unity Catalog list (some lists always page, by 1000). */
async function listAll<K extends string, T>(
  path: string,
  key: K,
  query: Record<string, string>,
): Promise<T[]> {
  const items: T[] = [];
  let pageToken: string | undefined;
  do {
    const page = await get<Page<K, T>>(`${UC}/${path}`, { ...query, page_token: pageToken });
    items.push(...(page[key] ?? []));
    pageToken = page.next_page_token || undefined;
  } while (pageToken);
  return items;
}

export const listCatalogs = () => listAll<'catalogs', CatalogInfo>('catalogs', 'catalogs', {});

export const getCatalog = (name: string) => get<CatalogInfo>(`${UC}/catalogs/${encodeURIComponent(name)}`);

export const listSchemas = (catalog: string) =>
  listAll<'schemas', SchemaInfo>('schemas', 'schemas', { catalog_name: catalog });

export const getSchema = (fullName: string) =>
  get<SchemaInfo>(`${UC}/schemas/${encodeURIComponent(fullName)}`);

export const listTables = (catalog: string, schema: string) =>
  listAll<'tables', TableInfo>('tables', 'tables', { catalog_name: catalog, schema_name: schema });

export const getTable = (fullName: string) => get<TableInfo>(`${UC}/tables/${encodeURIComponent(fullName)}`);

export const listVolumes = (catalog: string, schema: string) =>
  listAll<'volumes', VolumeInfo>('volumes', 'volumes', { catalog_name: catalog, schema_name: schema });

export const catalogKeys = {
  catalogs: ['catalog', 'catalogs'] as const,
  catalog: (name: string) => ['catalog', 'catalog', name] as const,
  schemas: (catalog: string) => ['catalog', 'schemas', catalog] as const,
  schema: (fullName: string) => ['catalog', 'schema', fullName] as const,
  tables: (catalog: string, schema: string) => ['catalog', 'tables', catalog, schema] as const,
  table: (fullName: string) => ['catalog', 'table', fullName] as const,
  volumes: (catalog: string, schema: string) => ['catalog', 'volumes', catalog, schema] as const,
};
