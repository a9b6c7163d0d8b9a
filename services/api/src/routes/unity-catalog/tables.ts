import { randomUUID } from 'node:crypto';
import { TableKind, toCamelCase } from '@brickyard/common/crd';
import {
  ColumnInfo,
  DATA_SOURCE_FORMATS,
  StringEnum,
  StringMap,
  TABLE_TYPES,
} from '@brickyard/common/schema';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import { invalidParameter } from '../../errors/databricks-error.js';
import { errorResponses } from '../../errors/error-body.js';
import { normalizeColumns } from './columns.js';
import { deleteTable } from './deletion.js';
import { externalLocation } from './external-locations.js';
import { managedTableLocation } from './metastore.js';
import { type MetastoreContext, metastoreContext } from './metastore-context.js';
import { objectName } from './names.js';
import { createdBy } from './ownership-info.js';
import { unityCatalogResource } from './resources.js';
import { type UnityCatalogRouteOptions, ucSchema } from './route-options.js';
import { assertUserSchema } from './schemas.js';
import { withChanges } from './spec-changes.js';
import { TableInfo, toTableInfo } from './table-info.js';
import { tableAlreadyExists, tableDoesNotExist } from './uc-errors.js';

const Columns = Type.Array(ColumnInfo, { maxItems: 10_000 });
const CreateBody = Type.Object({
  name: Type.String(),
  catalog_name: Type.String(),
  schema_name: Type.String(),
  table_type: StringEnum(TABLE_TYPES),
  data_source_format: Type.Optional(StringEnum(DATA_SOURCE_FORMATS)),
  storage_location: Type.Optional(Type.String()),
  view_definition: Type.Optional(Type.String()),
  columns: Type.Optional(Columns),
  properties: Type.Optional(StringMap()),
  comment: Type.Optional(Type.String()),
});
/** What an update may change; Brickyard's Spark catalog sends columns and properties after ALTER TABLE. */
const UpdateBody = Type.Object({
  owner: Type.Optional(Type.String({ minLength: 1 })),
  comment: Type.Optional(Type.String()),
  columns: Type.Optional(Columns),
  properties: Type.Optional(StringMap()),
  new_name: Type.Optional(Type.String()),
  /** A view's new query (CREATE OR REPLACE VIEW). */
  view_definition: Type.Optional(Type.String({ minLength: 1 })),
});
const FullNameParams = Type.Object({ full_name: Type.String() });

/** A new table's or view's storage: what its type requires of the request, checked. */
interface TableStorage {
  data_source_format?: (typeof DATA_SOURCE_FORMATS)[number];
  storage_location?: string;
  view_definition?: string;
}

/**
 * Where a new table's files are: an external table names its location; a managed one (Delta
 * only, as in Databricks) is given `<metastore storage root>/tables/<table id>`, where the
 * Spark catalog that made it then writes its Delta log. A view has no files, only its query.
 */
function tableStorage(ctx: MetastoreContext, body: Static<typeof CreateBody>, tableId: string): TableStorage {
  if (body.table_type === 'VIEW') {
    if (body.view_definition === undefined || body.view_definition.trim() === '')
      throw invalidParameter('A VIEW needs a view_definition');
    if (body.storage_location !== undefined || body.data_source_format !== undefined)
      throw invalidParameter('A VIEW has no storage_location or data_source_format');
    return { view_definition: body.view_definition };
  }
  if (body.view_definition !== undefined)
    throw invalidParameter(`A ${body.table_type} table takes no view_definition`);
  const format = body.data_source_format;
  if (format === undefined) throw invalidParameter(`A ${body.table_type} table needs a data_source_format`);
  if (body.table_type === 'EXTERNAL') {
    if (body.storage_location === undefined)
      throw invalidParameter('An EXTERNAL table needs a storage_location');
    return { data_source_format: format, storage_location: externalLocation(ctx, body.storage_location) };
  }
  if (format !== 'DELTA') {
    throw invalidParameter(`A MANAGED table is stored as DELTA, not ${format}`);
  }
  if (body.storage_location !== undefined) {
    throw invalidParameter('A MANAGED table takes no storage_location: the metastore chooses it');
  }
  return { data_source_format: format, storage_location: managedTableLocation(ctx.metastore, tableId) };
}

async function createTable(ctx: MetastoreContext, body: Static<typeof CreateBody>): Promise<TableInfo> {
  const name = objectName(body.name, 'table');
  const columns = body.columns && normalizeColumns(body.columns);
  const path = ctx.objects.schemaPath(body.catalog_name, body.schema_name);
  ctx.access.requireCreate(path.catalog, path.schema, 'CREATE_TABLE');
  assertUserSchema(path);
  const fullName = `${path.catalog.spec.name}.${path.schema.spec.name}.${name}`;
  if (ctx.objects.findTable(path.schema, name)) throw tableAlreadyExists(fullName);
  const id = randomUUID();
  const spec = {
    catalog_id: path.catalog.metadata.name ?? '',
    schema_id: path.schema.metadata.name ?? '',
    name,
    full_name: fullName,
    table_type: body.table_type,
    ...tableStorage(ctx, body, id),
    ...(columns === undefined ? {} : { columns }),
    ...(body.properties === undefined ? {} : { properties: body.properties }),
    ...(body.comment === undefined ? {} : { comment: body.comment }),
    ...createdBy(ctx.user),
  };
  const table = await ctx.services.unityCatalog.tables.create(
    unityCatalogResource(TableKind, ctx.metastore, id, spec),
  );
  return toTableInfo({ ...path, table }, ctx.metastore);
}

async function updateTable(
  ctx: MetastoreContext,
  rawFullName: string,
  { new_name, columns, view_definition, ...changes }: Static<typeof UpdateBody>,
): Promise<TableInfo> {
  const { catalog, schema, table } = ctx.objects.requireTable(rawFullName);
  ctx.access.requireOwnership([catalog, schema, table]);
  if (view_definition !== undefined && table.spec.tableType !== 'VIEW')
    throw invalidParameter(`${table.spec.fullName} is not a view: it has no view_definition`);
  const name = new_name === undefined ? table.spec.name : objectName(new_name, 'table');
  const fullName = `${catalog.spec.name}.${schema.spec.name}.${name}`;
  if (name !== table.spec.name && ctx.objects.findTable(schema, name)) throw tableAlreadyExists(fullName);
  const stored = columns && normalizeColumns(columns).map((column) => toCamelCase(column, ColumnInfo));
  const updated = await ctx.services.unityCatalog.tables.update(
    ctx.metastore.namespace,
    table.metadata.name ?? '',
    (current) => ({
      ...current,
      spec: withChanges(
        current.spec,
        { ...changes, name, fullName, columns: stored, viewDefinition: view_definition },
        ctx.user,
      ),
    }),
  );
  if (!updated) throw tableDoesNotExist(table.spec.fullName);
  return toTableInfo({ catalog, schema, table: updated }, ctx.metastore);
}

/** Tables: create, update and delete at /api/2.1/unity-catalog/tables. */
export const tableRoutes: FastifyPluginAsyncTypebox<UnityCatalogRouteOptions> = async (
  app,
  { services, writes },
) => {
  app.post(
    '/tables',
    {
      schema: ucSchema(
        'Create a table: EXTERNAL at a storage_location, or MANAGED (Delta) in the metastore',
        {
          body: CreateBody,
          response: { 200: TableInfo, ...errorResponses(409) },
        },
      ),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      return writes.run(ctx.metastore.namespace, () => createTable(ctx, request.body));
    },
  );

  app.patch(
    '/tables/:full_name',
    {
      schema: ucSchema('Change a table: owner, comment, name, columns or properties (each replaced whole)', {
        params: FullNameParams,
        body: UpdateBody,
        response: { 200: TableInfo, ...errorResponses(409) },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      return writes.run(ctx.metastore.namespace, () =>
        updateTable(ctx, request.params.full_name, request.body),
      );
    },
  );

  app.delete(
    '/tables/:full_name',
    {
      schema: ucSchema("Delete a table (a MANAGED table's files too)", {
        params: FullNameParams,
        response: { 200: Type.Object({}) },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      return writes.run(ctx.metastore.namespace, async () => {
        const { catalog, schema, table } = ctx.objects.requireTable(request.params.full_name);
        ctx.access.requireOwnership([catalog, schema, table]);
        await deleteTable(ctx, table);
        return {};
      });
    },
  );
};
