import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DatabricksError } from '../../errors/databricks-error.js';
import { likeMatcher } from './like-pattern.js';
import { listPage, PagingQuery } from './list-paging.js';
import { metastoreContext } from './metastore-context.js';
import { type UnityCatalogRouteOptions, ucSchema } from './route-options.js';
import { TableInfo, toTableInfo } from './table-info.js';

const FullNameParams = Type.Object({ full_name: Type.String() });
const ListQuery = Type.Object({
  catalog_name: Type.String(),
  schema_name: Type.String(),
  ...PagingQuery,
  omit_columns: Type.Optional(Type.Boolean()),
  omit_properties: Type.Optional(Type.Boolean()),
  omit_username: Type.Optional(Type.Boolean()),
  include_browse: Type.Optional(Type.Boolean()),
});
const SummariesQuery = Type.Object({
  catalog_name: Type.String(),
  schema_name_pattern: Type.Optional(Type.String()),
  table_name_pattern: Type.Optional(Type.String()),
  ...PagingQuery,
});
const TableSummary = Type.Object({ full_name: Type.String(), table_type: Type.String() });

/** Tables: get, exists, list and summaries at /api/2.1/unity-catalog/tables and /table-summaries. */
export const tableReadRoutes: FastifyPluginAsyncTypebox<UnityCatalogRouteOptions> = async (
  app,
  { services },
) => {
  app.get(
    '/tables/:full_name',
    { schema: ucSchema('A table', { params: FullNameParams, response: { 200: TableInfo } }) },
    async (request) => {
      const ctx = metastoreContext(services, request);
      const path = ctx.objects.requireTable(request.params.full_name);
      ctx.access.requireVisible({ ...path, object: path.table });
      return toTableInfo(path, ctx.metastore);
    },
  );

  app.get(
    '/tables/:full_name/exists',
    {
      schema: ucSchema('Whether a table exists (false too when its catalog or schema does not)', {
        params: FullNameParams,
        response: { 200: Type.Object({ table_exists: Type.Boolean() }) },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      try {
        ctx.objects.requireTable(request.params.full_name);
        return { table_exists: true };
      } catch (error) {
        if (error instanceof DatabricksError && error.statusCode === 404) return { table_exists: false };
        throw error;
      }
    },
  );

  app.get(
    '/tables',
    {
      schema: ucSchema('Tables of a schema, by name', {
        querystring: ListQuery,
        response: {
          200: Type.Object({ tables: Type.Array(TableInfo), next_page_token: Type.Optional(Type.String()) }),
        },
      }),
    },
    async (request) => {
      const { query } = request;
      const ctx = metastoreContext(services, request);
      const path = ctx.objects.schemaPath(query.catalog_name, query.schema_name);
      ctx.access.requireUseSchema(path.catalog, path.schema);
      const omit = {
        columns: query.omit_columns,
        properties: query.omit_properties,
        username: query.omit_username,
      };
      const visible = ctx.objects
        .tables(path.schema)
        .filter((table) => ctx.access.seesTable(path.catalog, path.schema, table));
      const { items, ...next } = listPage(visible, query);
      return { tables: items.map((table) => toTableInfo({ ...path, table }, ctx.metastore, omit)), ...next };
    },
  );

  app.get(
    '/table-summaries',
    {
      schema: ucSchema('Full names and types of the tables of a catalog, by LIKE patterns of names', {
        querystring: SummariesQuery,
        response: {
          200: Type.Object({
            tables: Type.Array(TableSummary),
            next_page_token: Type.Optional(Type.String()),
          }),
        },
      }),
    },
    async (request) => {
      const { query } = request;
      const ctx = metastoreContext(services, request);
      const catalog = ctx.objects.requireCatalog(query.catalog_name);
      ctx.access.requireUseCatalog(catalog);
      const schemaMatches = likeMatcher(query.schema_name_pattern);
      const tableMatches = likeMatcher(query.table_name_pattern);
      const summaries = ctx.objects
        .schemas(catalog)
        .filter((schema) => schemaMatches(schema.spec.name))
        .flatMap((schema) =>
          ctx.objects
            .tables(schema)
            .filter((table) => tableMatches(table.spec.name) && ctx.access.seesTable(catalog, schema, table))
            .map((table) => ({
              full_name: `${catalog.spec.name}.${schema.spec.name}.${table.spec.name}`,
              table_type: table.spec.tableType,
            })),
        );
      const { items, ...next } = listPage(summaries, query, { alwaysPaged: true });
      return { tables: items, ...next };
    },
  );
};
