import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Empty,
  PutSecretBody,
  ScopeParams,
  SecretList,
  SecretParams,
  SecretValue,
  secretsSchema,
} from './schemas.js';
import { secretOf, withoutSecret, withSecret } from './scope-contents.js';
import { assertPermitted } from './secret-acls.js';
import { assertSecretKey } from './secret-names.js';
import type { SecretRouteOptions } from './secret-route-options.js';
import { encodedValue } from './secret-values.js';

/** Put, delete, list and get the secrets of a scope: WRITE to change them, READ to see them. */
export const secretRoutes: FastifyPluginAsyncTypebox<SecretRouteOptions> = async (app, { scopes }) => {
  app.post(
    '/put',
    {
      schema: secretsSchema('Put a secret (an existing one is overwritten)', {
        body: PutSecretBody,
        response: Empty,
      }),
    },
    async (request) => {
      const { scope, key } = request.body;
      assertSecretKey(key);
      const value = encodedValue(request.body);
      await scopes.update(request.workspace.namespace, scope, (contents) => {
        assertPermitted(contents.name, contents.acls, request.principal, 'WRITE');
        return withSecret(contents, key, value, Date.now());
      });
      return {};
    },
  );

  app.post(
    '/delete',
    { schema: secretsSchema('Delete a secret', { body: SecretParams, response: Empty }) },
    async (request) => {
      const { scope, key } = request.body;
      await scopes.update(request.workspace.namespace, scope, (contents) => {
        assertPermitted(contents.name, contents.acls, request.principal, 'WRITE');
        return withoutSecret(contents, key);
      });
      return {};
    },
  );

  app.get(
    '/list',
    {
      schema: secretsSchema('The keys of a scope, never their values', {
        querystring: ScopeParams,
        response: SecretList,
      }),
    },
    async (request) => {
      const contents = await scopes.get(request.workspace.namespace, request.query.scope);
      assertPermitted(contents.name, contents.acls, request.principal, 'READ');
      return {
        secrets: Object.keys(contents.values)
          .sort()
          .map((key) => ({ key, last_updated_timestamp: contents.updatedAt[key] ?? 0 })),
      };
    },
  );

  // Meant for dbutils.secrets (the runtime's pods call it as the cluster's creator), as on Databricks.
  app.get(
    '/get',
    {
      schema: secretsSchema("A secret's value, base64", { querystring: SecretParams, response: SecretValue }),
    },
    async (request) => {
      const { scope, key } = request.query;
      const contents = await scopes.get(request.workspace.namespace, scope);
      assertPermitted(contents.name, contents.acls, request.principal, 'READ');
      return { key, value: secretOf(contents, key) };
    },
  );
};
