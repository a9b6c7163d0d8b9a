import { randomUUID } from 'node:crypto';
import { SchemaKind } from '@brickyard/common/crd';
import { StringMap } from '@brickyard/common/schema';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import { invalidParameter } from '../../errors/databricks-error.js';
import { errorResponses } from '../../errors/error-body.js';
import { deleteSchema } from './deletion.js';
import { refreshFullNames } from './display-names.js';
import { listPage, PagingQuery } from './list-paging.js';
import { type MetastoreContext, metastoreContext } from './metastore-context.js';
import type { SchemaPath } from './metastore-objects.js';
import { objectName } from './names.js';
import { createdBy } from './ownership-info.js';
import { unityCatalogResource } from './resources.js';
import { type UnityCatalogRouteOptions, ucSchema } from './route-options.js';
import { INFORMATION_SCHEMA, SchemaInfo, toSchemaInfo } from './schema-info.js';
import { withChanges } from './spec-changes.js';
import { schemaAlreadyExists, schemaDoesNotExist, systemOwned } from './uc-errors.js';

const CreateBody = Type.Object({
  name: Type.String(),
  catalog_name: Type.String(),
  comment: Type.Optional(Type.String()),
  properties: Type.Optional(StringMap()),
  storage_root: Type.Optional(Type.String()),
});
const UpdateBody = Type.Object({
  new_name: Type.Optional(Type.String()),
  owner: Type.Optional(Type.String({ minLength: 1 })),
  comment: Type.Optional(Type.String()),
  properties: Type.Optional(StringMap()),
});
const FullNameParams = Type.Object({ full_name: Type.String() });
const ListQuery = Type.Object({
  catalog_name: Type.String(),
  ...PagingQuery,
  include_browse: Type.Optional(Type.Boolean()),
});
const ListResponse = Type.Object({
  schemas: Type.Array(SchemaInfo),
  next_page_token: Type.Optional(Type.String()),
});

/** Schemas the system keeps: every information_schema and whatever a system catalog holds. */
export function assertUserSchema({ catalog, schema }: SchemaPath): void {
  if (catalog.spec.catalogType === 'SYSTEM_CATALOG' || schema.spec.name === INFORMATION_SCHEMA) {
    throw systemOwned(`Schema '${catalog.spec.name}.${schema.spec.name}'`);
  }
}

async function createSchema(ctx: MetastoreContext, body: Static<typeof CreateBody>): Promise<SchemaInfo> {
  if (body.storage_root !== undefined) {
    throw invalidParameter('storage_root is not supported: managed data goes to the metastore storage root');
  }
  const name = objectName(body.name, 'schema');
  const catalog = ctx.objects.requireCatalog(body.catalog_name);
  if (catalog.spec.catalogType === 'SYSTEM_CATALOG') throw systemOwned(`Catalog '${catalog.spec.name}'`);
  ctx.access.requireCreate(catalog, undefined, 'CREATE_SCHEMA');
  const fullName = `${catalog.spec.name}.${name}`;
  if (ctx.objects.findSchema(catalog, name)) throw schemaAlreadyExists(fullName);
  const spec = {
    catalog_id: catalog.metadata.name ?? '',
    name,
    full_name: fullName,
    ...(body.comment === undefined ? {} : { comment: body.comment }),
    ...(body.properties === undefined ? {} : { properties: body.properties }),
    ...createdBy(ctx.user),
  };
  const schema = await ctx.services.unityCatalog.schemas.create(
    unityCatalogResource(SchemaKind, ctx.metastore, randomUUID(), spec),
  );
  return toSchemaInfo({ catalog, schema }, ctx.metastore);
}

async function updateSchema(
  ctx: MetastoreContext,
  rawFullName: string,
  { new_name, ...changes }: Static<typeof UpdateBody>,
): Promise<SchemaInfo> {
  const path = ctx.objects.requireSchema(rawFullName);
  assertUserSchema(path);
  const { catalog, schema } = path;
  ctx.access.requireOwnership([catalog, schema]);
  const name = new_name === undefined ? schema.spec.name : objectName(new_name, 'schema');
  const fullName = `${catalog.spec.name}.${name}`;
  if (name !== schema.spec.name && ctx.objects.findSchema(catalog, name)) throw schemaAlreadyExists(fullName);
  const updated = await ctx.services.unityCatalog.schemas.update(
    ctx.metastore.namespace,
    schema.metadata.name ?? '',
    (current) => ({ ...current, spec: withChanges(current.spec, { ...changes, name, fullName }, ctx.user) }),
  );
  if (!updated) throw schemaDoesNotExist(schema.spec.fullName);
  if (name !== schema.spec.name) await refreshFullNames(ctx, catalog, [updated]);
  return toSchemaInfo({ catalog, schema: updated }, ctx.metastore);
}

/** Schemas: /api/2.1/unity-catalog/schemas. */
export const schemaRoutes: FastifyPluginAsyncTypebox<UnityCatalogRouteOptions> = async (
  app,
  { services, writes },
) => {
  app.post(
    '/schemas',
    {
      schema: ucSchema('Create a schema', {
        body: CreateBody,
        response: { 200: SchemaInfo, ...errorResponses(409) },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      return writes.run(ctx.metastore.namespace, () => createSchema(ctx, request.body));
    },
  );

  app.get(
    '/schemas',
    {
      schema: ucSchema('Schemas of a catalog, by name', {
        querystring: ListQuery,
        response: { 200: ListResponse },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      const catalog = ctx.objects.requireCatalog(request.query.catalog_name);
      ctx.access.requireUseCatalog(catalog);
      const visible = ctx.objects.schemas(catalog).filter((schema) => ctx.access.seesSchema(catalog, schema));
      const { items, ...next } = listPage(visible, request.query);
      return { schemas: items.map((schema) => toSchemaInfo({ catalog, schema }, ctx.metastore)), ...next };
    },
  );

  app.get(
    '/schemas/:full_name',
    { schema: ucSchema('A schema', { params: FullNameParams, response: { 200: SchemaInfo } }) },
    async (request) => {
      const ctx = metastoreContext(services, request);
      const path = ctx.objects.requireSchema(request.params.full_name);
      ctx.access.requireUseSchema(path.catalog, path.schema);
      return toSchemaInfo(path, ctx.metastore);
    },
  );

  app.patch(
    '/schemas/:full_name',
    {
      schema: ucSchema('Rename a schema or change its owner, comment or properties (replaced whole)', {
        params: FullNameParams,
        body: UpdateBody,
        response: { 200: SchemaInfo, ...errorResponses(409) },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      return writes.run(ctx.metastore.namespace, () =>
        updateSchema(ctx, request.params.full_name, request.body),
      );
    },
  );

  app.delete(
    '/schemas/:full_name',
    {
      schema: ucSchema('Delete a schema (one that is not empty only with force)', {
        params: FullNameParams,
        querystring: Type.Object({ force: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Object({}) },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      return writes.run(ctx.metastore.namespace, async () => {
        const path = ctx.objects.requireSchema(request.params.full_name);
        ctx.access.requireOwnership([path.catalog, path.schema]);
        assertUserSchema(path);
        await deleteSchema(ctx, path.catalog, path.schema, request.query.force ?? false);
        return {};
      });
    },
  );
};
