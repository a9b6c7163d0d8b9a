import type { ServicePrincipalResource } from '@brickyard/common/crd';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  invalidParameter,
  resourceDoesNotExist,
  resourceLimitExceeded,
} from '../../errors/databricks-error.js';
import { ALL_APIS_SCOPE, lifetimeSecondsOf } from '../../oauth/client-secret.js';
import type { ClientSecretRecord, ClientSecretStore } from '../../oauth/client-secret-store.js';
import type { ApiServices } from '../../services.js';

/** Secrets a service principal may hold at once, as in Databricks; expired ones do not count. */
const MAX_LIVE_SECRETS = 5;

const SecretInfo = Type.Object({
  id: Type.String(),
  status: Type.String(),
  secret_hash: Type.String(),
  create_time: Type.String(),
  update_time: Type.String(),
  expire_time: Type.String(),
});

/** The account-level API's path names its account too; the workspace-level one's does not. */
function schemasFor(level: 'workspace' | 'account') {
  const tags = ['oauth'];
  const params = Type.Object({
    ...(level === 'account' ? { account_id: Type.String() } : {}),
    service_principal_id: Type.String({ minLength: 1 }),
  });
  return {
    create: {
      tags,
      summary: 'Create an OAuth secret of a service principal (its value is shown only in this answer)',
      params,
      body: Type.Object({
        /** Seconds, plain ("3600") or as a Duration ("3600s"); two years without it. */
        lifetime: Type.Optional(Type.String()),
        scopes: Type.Optional(Type.Array(Type.String())),
      }),
      response: { 200: Type.Object({ ...SecretInfo.properties, secret: Type.String() }) },
    },
    list: {
      tags,
      summary: "A service principal's OAuth secrets, without their values",
      params,
      response: { 200: Type.Object({ secrets: Type.Array(SecretInfo) }) },
    },
    delete: {
      tags,
      summary: 'Delete an OAuth secret of a service principal',
      params: Type.Object({ ...params.properties, secret_id: Type.String() }),
      response: { 200: Type.Object({}) },
    },
  };
}

function secretInfo(record: ClientSecretRecord, now = Date.now()) {
  const created = new Date(record.create_time).toISOString();
  return {
    id: record.id,
    status: record.expire_time <= now ? 'EXPIRED' : 'ACTIVE',
    secret_hash: record.secret_hash,
    create_time: created,
    update_time: created,
    expire_time: new Date(record.expire_time).toISOString(),
  };
}

interface ServicePrincipalSecretOptions {
  services: ApiServices;
  secrets: ClientSecretStore;
  /**
   * `workspace`: workspace admins, for a service principal of their workspace by SCIM id (the
   * SDKs' service_principal_secrets_proxy). `account`: account admins, for a service principal of
   * any workspace by SCIM id, which Brickyard's ids make unique.
   */
  level: 'workspace' | 'account';
}

/** Where a request's service principal is looked up, per level; throws 404 or on ambiguity. */
function principalFinder({ services, level }: ServicePrincipalSecretOptions) {
  const { identities, config, workspaces } = services;
  // The account id's type depends on the level's schema: unknown here, compared as it is.
  return (
    request: Pick<FastifyRequest, 'workspace'> & {
      params: { service_principal_id: string; account_id?: unknown };
    },
  ) => {
    const id = request.params.service_principal_id;
    const missing = resourceDoesNotExist(`Service principal ${id} does not exist`);
    if (level === 'workspace') {
      const found = identities.servicePrincipal(request.workspace.workspaceId, id);
      if (!found) throw missing;
      return found;
    }
    if (request.params.account_id !== config.accountId) {
      throw resourceDoesNotExist(`Account ${String(request.params.account_id)} does not exist`);
    }
    const found = identities.servicePrincipals
      .list()
      .filter((sp) => sp.spec.id === id && !sp.metadata.deletionTimestamp)
      .filter((sp) => workspaces.find(sp.spec.workspaceId));
    if (found.length > 1) {
      throw invalidParameter(
        `Service principal id ${id} is in more than one workspace; use its workspace's API`,
      );
    }
    if (!found[0]) throw missing;
    return found[0];
  };
}

/** The Service Principal Secrets API: OAuth secrets that the token endpoint (oidc.ts) takes. */
export const servicePrincipalSecretRoutes: FastifyPluginAsyncTypebox<ServicePrincipalSecretOptions> = async (
  app,
  options,
) => {
  const { secrets, level } = options;
  const config = {
    access: level === 'workspace' ? ('workspace-admin' as const) : ('account-admin' as const),
  };
  const principalOf = principalFinder(options);
  const schemas = schemasFor(level);
  const secretsOf = (sp: ServicePrincipalResource) => secrets.list(sp.spec.workspaceId, sp.spec.id);

  app.post(
    '/:service_principal_id/credentials/secrets',
    { config, schema: schemas.create },
    async (request) => {
      const sp = principalOf(request);
      const lifetime = lifetimeSecondsOf(request.body.lifetime);
      if ((request.body.scopes ?? []).some((scope) => scope !== ALL_APIS_SCOPE)) {
        throw invalidParameter(`Brickyard binds secrets to no scope but ${ALL_APIS_SCOPE}`);
      }
      const now = Date.now();
      const live = (await secretsOf(sp)).filter((record) => record.expire_time > now);
      if (live.length >= MAX_LIVE_SECRETS) {
        throw resourceLimitExceeded(
          `Service principal ${sp.spec.id} already has ${MAX_LIVE_SECRETS} secrets; delete one first`,
        );
      }
      const { value, record } = await secrets.create(sp, lifetime, now);
      return { ...secretInfo(record, now), secret: value };
    },
  );

  app.get('/:service_principal_id/credentials/secrets', { config, schema: schemas.list }, async (request) => {
    const records = await secretsOf(principalOf(request));
    return { secrets: records.map((record) => secretInfo(record)) };
  });

  app.delete(
    '/:service_principal_id/credentials/secrets/:secret_id',
    { config, schema: schemas.delete },
    async (request) => {
      const sp = principalOf(request);
      const { secret_id } = request.params;
      if (!(await secrets.delete(sp.spec.workspaceId, sp.spec.id, secret_id))) {
        throw resourceDoesNotExist(`Secret ${secret_id} of service principal ${sp.spec.id} does not exist`);
      }
      return {};
    },
  );
};
