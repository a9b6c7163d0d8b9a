import { randomUUID } from 'node:crypto';
import type { CatalogResource } from '@brickyard/common/crd';
import { CatalogKind, SchemaKind } from '@brickyard/common/crd';
import { StringMap } from '@brickyard/common/schema';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import { invalidParameter } from '../../errors/databricks-error.js';
import { errorResponses } from '../../errors/error-body.js';
import { CatalogInfo, toCatalogInfo } from './catalog-info.js';
import { informationSchemaSpec } from './default-objects.js';
import { deleteCatalog } from './deletion.js';
import { refreshFullNames } from './display-names.js';
import { listPage, PagingQuery } from './list-paging.js';
import { type MetastoreContext, metastoreContext } from './metastore-context.js';
import { objectName } from './names.js';
import { createdBy } from './ownership-info.js';
import { unityCatalogResource } from './resources.js';
import { type UnityCatalogRouteOptions, ucSchema } from './route-options.js';
import { withChanges } from './spec-changes.js';
import { catalogAlreadyExists, catalogDoesNotExist, systemOwned } from './uc-errors.js';

const CreateBody = Type.Object({
  name: Type.String(),
  comment: Type.Optional(Type.String()),
  properties: Type.Optional(StringMap()),
  // Kinds of catalog Brickyard does not make: refused rather than silently made a managed one.
  storage_root: Type.Optional(Type.String()),
  connection_name: Type.Optional(Type.String()),
  provider_name: Type.Optional(Type.String()),
  share_name: Type.Optional(Type.String()),
});
const UpdateBody = Type.Object({
  new_name: Type.Optional(Type.String()),
  owner: Type.Optional(Type.String({ minLength: 1 })),
  comment: Type.Optional(Type.String()),
  properties: Type.Optional(StringMap()),
});
const NameParams = Type.Object({ name: Type.String() });
const ListResponse = Type.Object({
  catalogs: Type.Array(CatalogInfo),
  next_page_token: Type.Optional(Type.String()),
});

function assertUserCatalog(catalog: CatalogResource): void {
  if (catalog.spec.catalogType === 'SYSTEM_CATALOG') throw systemOwned(`Catalog '${catalog.spec.name}'`);
}

async function createCatalog(ctx: MetastoreContext, body: Static<typeof CreateBody>): Promise<CatalogInfo> {
  if (body.storage_root !== undefined) {
    throw invalidParameter('storage_root is not supported: managed data goes to the metastore storage root');
  }
  if ((body.connection_name ?? body.provider_name ?? body.share_name) !== undefined) {
    throw invalidParameter('Brickyard makes managed catalogs only, not foreign or Delta Sharing ones');
  }
  const name = objectName(body.name, 'catalog');
  if (ctx.objects.findCatalog(name)) throw catalogAlreadyExists(name);
  const { catalogs, schemas } = ctx.services.unityCatalog;
  const id = randomUUID();
  const spec = {
    name,
    catalog_type: 'MANAGED_CATALOG' as const,
    ...(body.comment === undefined ? {} : { comment: body.comment }),
    ...(body.properties === undefined ? {} : { properties: body.properties }),
    ...createdBy(ctx.user),
  };
  const catalog = await catalogs.create(unityCatalogResource(CatalogKind, ctx.metastore, id, spec));
  // Then its information_schema, which would be an orphan nobody sees had the catalog been refused.
  await schemas.create(
    unityCatalogResource(SchemaKind, ctx.metastore, randomUUID(), informationSchemaSpec(id, name)),
  );
  return toCatalogInfo(catalog, ctx.metastore);
}

async function updateCatalog(
  ctx: MetastoreContext,
  rawName: string,
  { new_name, ...changes }: Static<typeof UpdateBody>,
): Promise<CatalogInfo> {
  const catalog = ctx.objects.requireCatalog(rawName);
  assertUserCatalog(catalog);
  ctx.access.requireOwnership([catalog]);
  const name = new_name === undefined ? catalog.spec.name : objectName(new_name, 'catalog');
  if (name !== catalog.spec.name && ctx.objects.findCatalog(name)) throw catalogAlreadyExists(name);
  const updated = await ctx.services.unityCatalog.catalogs.update(
    ctx.metastore.namespace,
    catalog.metadata.name ?? '',
    (current) => ({ ...current, spec: withChanges(current.spec, { ...changes, name }, ctx.user) }),
  );
  if (!updated) throw catalogDoesNotExist(catalog.spec.name);
  if (name !== catalog.spec.name) await refreshFullNames(ctx, updated, ctx.objects.schemas(updated));
  return toCatalogInfo(updated, ctx.metastore);
}

/** Catalogs: /api/2.1/unity-catalog/catalogs. */
export const catalogRoutes: FastifyPluginAsyncTypebox<UnityCatalogRouteOptions> = async (
  app,
  { services, writes },
) => {
  app.post(
    '/catalogs',
    {
      schema: ucSchema('Create a catalog', {
        body: CreateBody,
        response: { 200: CatalogInfo, ...errorResponses(409) },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      return writes.run(ctx.metastore.namespace, () => createCatalog(ctx, request.body));
    },
  );

  app.get(
    '/catalogs',
    {
      schema: ucSchema('Catalogs of the metastore, by name', {
        querystring: Type.Object({ ...PagingQuery, include_browse: Type.Optional(Type.Boolean()) }),
        response: { 200: ListResponse },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      const visible = ctx.objects.catalogs().filter((catalog) => ctx.access.seesCatalog(catalog));
      const { items, ...next } = listPage(visible, request.query);
      return { catalogs: items.map((catalog) => toCatalogInfo(catalog, ctx.metastore)), ...next };
    },
  );

  app.get(
    '/catalogs/:name',
    { schema: ucSchema('A catalog', { params: NameParams, response: { 200: CatalogInfo } }) },
    async (request) => {
      const ctx = metastoreContext(services, request);
      const catalog = ctx.objects.requireCatalog(request.params.name);
      if (!ctx.access.seesCatalog(catalog)) ctx.access.requireUseCatalog(catalog);
      return toCatalogInfo(catalog, ctx.metastore);
    },
  );

  app.patch(
    '/catalogs/:name',
    {
      schema: ucSchema('Rename a catalog or change its owner, comment or properties (replaced whole)', {
        params: NameParams,
        body: UpdateBody,
        response: { 200: CatalogInfo, ...errorResponses(409) },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      return writes.run(ctx.metastore.namespace, () => updateCatalog(ctx, request.params.name, request.body));
    },
  );

  app.delete(
    '/catalogs/:name',
    {
      schema: ucSchema('Delete a catalog (one that is not empty only with force)', {
        params: NameParams,
        querystring: Type.Object({ force: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Object({}) },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      return writes.run(ctx.metastore.namespace, async () => {
        const catalog = ctx.objects.requireCatalog(request.params.name);
        assertUserCatalog(catalog);
        ctx.access.requireOwnership([catalog]);
        await deleteCatalog(ctx, catalog, request.query.force ?? false);
        return {};
      });
    },
  );
};
