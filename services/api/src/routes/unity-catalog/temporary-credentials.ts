import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalidParameter, notImplemented } from '../../errors/databricks-error.js';
import type { ApiServices } from '../../services.js';
import type { TemporaryCredential, TemporaryGrant } from '../../storage-credentials/temporary-credentials.js';
import { locationPrefix, pathAccessOf, pathPrefix, tableAccessOf } from './credential-scope.js';
import { metastoreContext } from './metastore-context.js';
import type { MetastoreObjects, TablePath } from './metastore-objects.js';
import { ucSchema } from './route-options.js';
import { tableDoesNotExist } from './uc-errors.js';

const TableCredentialsRequest = Type.Object({ table_id: Type.String(), operation: Type.String() });
const PathCredentialsRequest = Type.Object({
  url: Type.String(),
  operation: Type.String(),
  dry_run: Type.Optional(Type.Boolean()),
});
const CredentialsResponse = Type.Object({
  aws_temp_credentials: Type.Object({ access_key_id: Type.String(), secret_access_key: Type.String() }),
  expiration_time: Type.Integer(),
  url: Type.String(),
});

/** A live table of the metastore (with live parents) by its id; TABLE_DOES_NOT_EXIST otherwise. */
function requireTableById(objects: MetastoreObjects, tableId: string): TablePath {
  for (const catalog of objects.catalogs()) {
    for (const schema of objects.schemas(catalog)) {
      const table = objects.tables(schema).find((candidate) => candidate.metadata.name === tableId);
      if (table) return { catalog, schema, table };
    }
  }
  throw tableDoesNotExist(tableId);
}

async function vend(services: ApiServices, grant: TemporaryGrant, url: string) {
  if (!services.temporaryCredentials) {
    throw notImplemented('Temporary credentials need the object store IAM API (BRICKYARD_S3_IAM_ENDPOINT)');
  }
  const credential: TemporaryCredential = await services.temporaryCredentials.issue(grant);
  return {
    aws_temp_credentials: {
      access_key_id: credential.accessKeyId,
      secret_access_key: credential.secretAccessKey,
    },
    expiration_time: credential.expiresAt.getTime(),
    url,
  };
}

/**
 * Credential vending: S3 keys confined to one table's storage (temporary-table-credentials) or
 * to a path of the workspace's external storage (temporary-path-credentials), valid for the
 * configured lifetime. Tables are found in the caller's own metastore only, so another
 * workspace's table id is TABLE_DOES_NOT_EXIST.
 */
export const temporaryCredentialRoutes: FastifyPluginAsyncTypebox<{ services: ApiServices }> = async (
  app,
  { services },
) => {
  const { bucket } = services.config.s3;

  app.post(
    '/temporary-table-credentials',
    {
      schema: ucSchema('Temporary S3 credentials for one table', {
        body: TableCredentialsRequest,
        response: { 200: CredentialsResponse },
      }),
    },
    async (request) => {
      const { table_id: tableId, operation } = request.body;
      const access = tableAccessOf(operation);
      const ctx = metastoreContext(services, request);
      const path = requireTableById(ctx.objects, tableId);
      // Reading takes SELECT; writing MODIFY too, as Unity Catalog vends them.
      ctx.access.require({ ...path, object: path.table }, 'SELECT');
      if (access === 'read-write') ctx.access.require({ ...path, object: path.table }, 'MODIFY');
      const { table } = path;
      const url = table.spec.storageLocation;
      if (url === undefined) {
        throw invalidParameter(
          `${table.spec.fullName} is a view: it has no storage of its own to vend credentials for`,
        );
      }
      return vend(services, { bucket, prefix: locationPrefix(bucket, url), access }, url);
    },
  );

  app.post(
    '/temporary-path-credentials',
    {
      schema: ucSchema('Temporary S3 credentials for a path of external storage', {
        body: PathCredentialsRequest,
        response: { 200: CredentialsResponse },
      }),
    },
    async (request) => {
      const access = pathAccessOf(request.body.operation);
      const ctx = metastoreContext(services, request);
      const { url, prefix } = pathPrefix(ctx.metastore, bucket, request.body.url);
      return vend(services, { bucket, prefix, access }, url);
    },
  );
};
