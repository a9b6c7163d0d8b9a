import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { USERS_GROUP } from '../../auth/principal.js';
import { invalidParameter } from '../../errors/databricks-error.js';
import { assertProvisioned } from '../../store/workspace-directory.js';
import { CreateScopeBody, Empty, ScopeList, ScopeParams, secretsSchema } from './schemas.js';
import { newScope } from './scope-contents.js';
import { assertPermitted } from './secret-acls.js';
import { limitExceeded } from './secret-errors.js';
import { assertScopeName } from './secret-names.js';
import type { SecretRouteOptions } from './secret-route-options.js';

/** Databricks' limit on the scopes of a workspace. */
const MAX_SCOPES = 1000;

/** The manager of a new scope: its creator, or `users`, the one principal Databricks accepts here. */
function managerOf(initial: string | undefined, creator: string): string {
  if (initial === undefined || initial === '') return creator;
  if (initial !== USERS_GROUP) {
    throw invalidParameter(`initial_manage_principal must be '${USERS_GROUP}', the only principal supported`);
  }
  return initial;
}

/** Create, delete and list secret scopes (Databricks-backed only). */
export const scopeRoutes: FastifyPluginAsyncTypebox<SecretRouteOptions> = async (app, { scopes }) => {
  app.post(
    '/scopes/create',
    {
      schema: secretsSchema('Create a secret scope', {
        body: CreateScopeBody,
        response: Empty,
        errors: [409],
      }),
    },
    async (request) => {
      const { scope, initial_manage_principal, scope_backend_type, backend_azure_keyvault } = request.body;
      const { namespace, workspaceId, resource } = request.workspace;
      assertScopeName(scope);
      const backend = (scope_backend_type ?? 'DATABRICKS').toUpperCase();
      if (backend !== 'DATABRICKS' || backend_azure_keyvault !== undefined) {
        throw invalidParameter(
          'Only Databricks-backed secret scopes (scope_backend_type DATABRICKS) are supported',
        );
      }
      const manager = managerOf(initial_manage_principal, request.principal.userName);
      assertProvisioned(resource);
      if ((await scopes.list(namespace)).length >= MAX_SCOPES) {
        throw limitExceeded(`The workspace already has the maximum of ${MAX_SCOPES} secret scopes`);
      }
      await scopes.create(namespace, workspaceId, newScope(scope, manager));
      return {};
    },
  );

  app.post(
    '/scopes/delete',
    {
      schema: secretsSchema('Delete a secret scope and its secrets', { body: ScopeParams, response: Empty }),
    },
    async (request) => {
      const { scope } = request.body;
      await scopes.delete(request.workspace.namespace, scope, (contents) =>
        assertPermitted(contents.name, contents.acls, request.principal, 'MANAGE'),
      );
      return {};
    },
  );

  // Every scope, whatever the caller may do in it: scope names are not secret, as on Databricks.
  app.get(
    '/scopes/list',
    { schema: secretsSchema('The secret scopes of the workspace', { response: ScopeList }) },
    async (request) => ({
      scopes: (await scopes.list(request.workspace.namespace)).map(({ name }) => ({
        name,
        backend_type: 'DATABRICKS' as const,
      })),
    }),
  );
};
