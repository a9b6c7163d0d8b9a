import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import { DEFAULT_CATALOG, type Metastore, metastoreOf, SYSTEM_USER } from './metastore.js';
import { type UnityCatalogRouteOptions, ucSchema } from './route-options.js';
import { metastoreDoesNotExist } from './uc-errors.js';

/** MetastoreInfo and GetMetastoreSummaryResponse (sdk-py catalog.py): the same fields. */
const MetastoreInfo = Type.Object({
  metastore_id: Type.String(),
  name: Type.String(),
  cloud: Type.String(),
  region: Type.String(),
  global_metastore_id: Type.String(),
  storage_root: Type.String(),
  owner: Type.String(),
  privilege_model_version: Type.String(),
  delta_sharing_scope: Type.String(),
  external_access_enabled: Type.Boolean(),
  created_at: Type.Integer(),
  created_by: Type.String(),
  updated_at: Type.Integer(),
  updated_by: Type.String(),
});

function toMetastoreInfo(metastore: Metastore): Static<typeof MetastoreInfo> {
  return {
    metastore_id: metastore.id,
    name: `metastore-ws-${metastore.workspaceId}`,
    cloud: 'aws',
    region: metastore.region,
    global_metastore_id: `aws:${metastore.region}:${metastore.id}`,
    storage_root: metastore.storageRoot,
    owner: SYSTEM_USER,
    privilege_model_version: '1.0',
    delta_sharing_scope: 'INTERNAL',
    external_access_enabled: false,
    created_at: metastore.createdAt,
    created_by: SYSTEM_USER,
    updated_at: metastore.createdAt,
    updated_by: SYSTEM_USER,
  };
}

/** The workspace's metastore: its summary, its assignment, and the metastores it can see (its own). */
export const metastoreRoutes: FastifyPluginAsyncTypebox<UnityCatalogRouteOptions> = async (
  app,
  { services },
) => {
  const metastoreOfRequest = (request: Parameters<typeof metastoreOf>[1]) =>
    metastoreOf(services.config.s3.bucket, request);

  app.get(
    '/metastore_summary',
    { schema: ucSchema("The workspace's metastore", { response: { 200: MetastoreInfo } }) },
    async (request) => toMetastoreInfo(metastoreOfRequest(request.workspace)),
  );

  app.get(
    '/current-metastore-assignment',
    {
      schema: ucSchema("The workspace's metastore assignment", {
        response: {
          200: Type.Object({
            workspace_id: Type.Integer(),
            metastore_id: Type.String(),
            default_catalog_name: Type.String(),
          }),
        },
      }),
    },
    async (request) => ({
      workspace_id: request.workspace.workspaceId,
      metastore_id: metastoreOfRequest(request.workspace).id,
      default_catalog_name: DEFAULT_CATALOG,
    }),
  );

  app.get(
    '/metastores',
    {
      schema: ucSchema('Metastores the workspace sees: its own', {
        querystring: Type.Object({
          max_results: Type.Optional(Type.Integer()),
          page_token: Type.Optional(Type.String()),
        }),
        response: { 200: Type.Object({ metastores: Type.Array(MetastoreInfo) }) },
      }),
    },
    async (request) => ({ metastores: [toMetastoreInfo(metastoreOfRequest(request.workspace))] }),
  );

  app.get(
    '/metastores/:id',
    {
      schema: ucSchema('A metastore', {
        params: Type.Object({ id: Type.String() }),
        response: { 200: MetastoreInfo },
      }),
    },
    async (request) => {
      const metastore = metastoreOfRequest(request.workspace);
      if (request.params.id !== metastore.id) throw metastoreDoesNotExist(request.params.id);
      return toMetastoreInfo(metastore);
    },
  );
};
