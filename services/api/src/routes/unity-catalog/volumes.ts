import { randomUUID } from 'node:crypto';
import { VolumeKind } from '@brickyard/common/crd';
import { StringEnum, VOLUME_TYPES } from '@brickyard/common/schema';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import { invalidParameter } from '../../errors/databricks-error.js';
import { errorResponses } from '../../errors/error-body.js';
import { deleteVolume } from './deletion.js';
import { externalLocation } from './external-locations.js';
import { listPage, PagingQuery } from './list-paging.js';
import { managedVolumeLocation } from './metastore.js';
import { type MetastoreContext, metastoreContext } from './metastore-context.js';
import { objectName } from './names.js';
import { createdBy } from './ownership-info.js';
import { unityCatalogResource } from './resources.js';
import { type UnityCatalogRouteOptions, ucSchema } from './route-options.js';
import { assertUserSchema } from './schemas.js';
import { withChanges } from './spec-changes.js';
import { volumeAlreadyExists, volumeDoesNotExist } from './uc-errors.js';
import { toVolumeInfo, VolumeInfo } from './volume-info.js';

const CreateBody = Type.Object({
  name: Type.String(),
  catalog_name: Type.String(),
  schema_name: Type.String(),
  volume_type: StringEnum(VOLUME_TYPES),
  storage_location: Type.Optional(Type.String()),
  comment: Type.Optional(Type.String()),
});
const UpdateBody = Type.Object({
  new_name: Type.Optional(Type.String()),
  owner: Type.Optional(Type.String({ minLength: 1 })),
  comment: Type.Optional(Type.String()),
});
const NameParams = Type.Object({ name: Type.String() });

/** An external volume names its location; a managed one's is its /Volumes path in DBFS. */
function volumeLocation(ctx: MetastoreContext, body: Static<typeof CreateBody>, fullName: string): string {
  if (body.volume_type === 'EXTERNAL') {
    if (body.storage_location === undefined)
      throw invalidParameter('An EXTERNAL volume needs a storage_location');
    return externalLocation(ctx, body.storage_location);
  }
  if (body.storage_location !== undefined) {
    throw invalidParameter('A MANAGED volume takes no storage_location: the metastore chooses it');
  }
  return managedVolumeLocation(ctx.metastore, fullName);
}

async function createVolume(ctx: MetastoreContext, body: Static<typeof CreateBody>): Promise<VolumeInfo> {
  const name = objectName(body.name, 'volume');
  const path = ctx.objects.schemaPath(body.catalog_name, body.schema_name);
  ctx.access.requireCreate(path.catalog, path.schema, 'CREATE_VOLUME');
  assertUserSchema(path);
  const fullName = `${path.catalog.spec.name}.${path.schema.spec.name}.${name}`;
  if (ctx.objects.findVolume(path.schema, name)) throw volumeAlreadyExists(fullName);
  const id = randomUUID();
  const spec = {
    catalog_id: path.catalog.metadata.name ?? '',
    schema_id: path.schema.metadata.name ?? '',
    name,
    full_name: fullName,
    volume_type: body.volume_type,
    storage_location: volumeLocation(ctx, body, fullName),
    ...(body.comment === undefined ? {} : { comment: body.comment }),
    ...createdBy(ctx.user),
  };
  const volume = await ctx.services.unityCatalog.volumes.create(
    unityCatalogResource(VolumeKind, ctx.metastore, id, spec),
  );
  return toVolumeInfo({ ...path, volume }, ctx.metastore);
}

async function updateVolume(
  ctx: MetastoreContext,
  rawFullName: string,
  { new_name, ...changes }: Static<typeof UpdateBody>,
): Promise<VolumeInfo> {
  const { catalog, schema, volume } = ctx.objects.requireVolume(rawFullName);
  ctx.access.requireOwnership([catalog, schema, volume]);
  const name = new_name === undefined ? volume.spec.name : objectName(new_name, 'volume');
  const fullName = `${catalog.spec.name}.${schema.spec.name}.${name}`;
  if (name !== volume.spec.name && ctx.objects.findVolume(schema, name)) throw volumeAlreadyExists(fullName);
  if (name !== volume.spec.name && volume.spec.volumeType === 'MANAGED') {
    throw invalidParameter(
      `Renaming managed volume ${volume.spec.fullName} is not supported: its files are kept under its /Volumes path`,
    );
  }
  const updated = await ctx.services.unityCatalog.volumes.update(
    ctx.metastore.namespace,
    volume.metadata.name ?? '',
    (current) => ({ ...current, spec: withChanges(current.spec, { ...changes, name, fullName }, ctx.user) }),
  );
  if (!updated) throw volumeDoesNotExist(volume.spec.fullName);
  return toVolumeInfo({ catalog, schema, volume: updated }, ctx.metastore);
}

/** Volumes: /api/2.1/unity-catalog/volumes (the SDK names a volume's full name `name`). */
export const volumeRoutes: FastifyPluginAsyncTypebox<UnityCatalogRouteOptions> = async (
  app,
  { services, writes },
) => {
  app.post(
    '/volumes',
    {
      schema: ucSchema('Create a volume', {
        body: CreateBody,
        response: { 200: VolumeInfo, ...errorResponses(409) },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      return writes.run(ctx.metastore.namespace, () => createVolume(ctx, request.body));
    },
  );

  app.get(
    '/volumes',
    {
      schema: ucSchema('Volumes of a schema, by name', {
        querystring: Type.Object({
          catalog_name: Type.String(),
          schema_name: Type.String(),
          ...PagingQuery,
          include_browse: Type.Optional(Type.Boolean()),
        }),
        response: {
          200: Type.Object({
            volumes: Type.Array(VolumeInfo),
            next_page_token: Type.Optional(Type.String()),
          }),
        },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      const path = ctx.objects.schemaPath(request.query.catalog_name, request.query.schema_name);
      ctx.access.requireUseSchema(path.catalog, path.schema);
      const visible = ctx.objects
        .volumes(path.schema)
        .filter((volume) => ctx.access.seesVolume(path.catalog, path.schema, volume));
      const { items, ...next } = listPage(visible, request.query, {
        alwaysPaged: true,
      });
      return { volumes: items.map((volume) => toVolumeInfo({ ...path, volume }, ctx.metastore)), ...next };
    },
  );

  app.get(
    '/volumes/:name',
    { schema: ucSchema('A volume', { params: NameParams, response: { 200: VolumeInfo } }) },
    async (request) => {
      const ctx = metastoreContext(services, request);
      const path = ctx.objects.requireVolume(request.params.name);
      ctx.access.requireVisible({ ...path, object: path.volume });
      return toVolumeInfo(path, ctx.metastore);
    },
  );

  app.patch(
    '/volumes/:name',
    {
      schema: ucSchema('Rename a volume or change its owner or comment', {
        params: NameParams,
        body: UpdateBody,
        response: { 200: VolumeInfo, ...errorResponses(409) },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      return writes.run(ctx.metastore.namespace, () => updateVolume(ctx, request.params.name, request.body));
    },
  );

  app.delete(
    '/volumes/:name',
    {
      schema: ucSchema("Delete a volume (a MANAGED volume's files too)", {
        params: NameParams,
        response: { 200: Type.Object({}) },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      return writes.run(ctx.metastore.namespace, async () => {
        const { catalog, schema, volume } = ctx.objects.requireVolume(request.params.name);
        ctx.access.requireOwnership([catalog, schema, volume]);
        await deleteVolume(ctx, volume);
        return {};
      });
    },
  );
};
