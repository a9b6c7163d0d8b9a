import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AclItemView, AclList, AclParams, Empty, PutAclBody, ScopeParams, secretsSchema } from './schemas.js';
import { aclOf, assertPermitted, withAcl, withoutAcl } from './secret-acls.js';
import type { SecretRouteOptions } from './secret-route-options.js';

/** The ACLs of a scope: every call needs MANAGE on it. */
export const aclRoutes: FastifyPluginAsyncTypebox<SecretRouteOptions> = async (app, { scopes }) => {
  app.post(
    '/acls/put',
    {
      schema: secretsSchema("Grant a principal a permission (replacing the principal's ACL)", {
        body: PutAclBody,
        response: Empty,
      }),
    },
    async (request) => {
      const { scope, principal, permission } = request.body;
      await scopes.update(request.workspace.namespace, scope, (contents) => {
        assertPermitted(contents.name, contents.acls, request.principal, 'MANAGE');
        return { ...contents, acls: withAcl(contents.acls, { principal, permission }) };
      });
      return {};
    },
  );

  app.post(
    '/acls/delete',
    { schema: secretsSchema("Remove a principal's ACL", { body: AclParams, response: Empty }) },
    async (request) => {
      const { scope, principal } = request.body;
      await scopes.update(request.workspace.namespace, scope, (contents) => {
        assertPermitted(contents.name, contents.acls, request.principal, 'MANAGE');
        return { ...contents, acls: withoutAcl(contents.name, contents.acls, principal) };
      });
      return {};
    },
  );

  app.get(
    '/acls/get',
    { schema: secretsSchema("A principal's ACL", { querystring: AclParams, response: AclItemView }) },
    async (request) => {
      const { scope, principal } = request.query;
      const contents = await scopes.get(request.workspace.namespace, scope);
      assertPermitted(contents.name, contents.acls, request.principal, 'MANAGE');
      return aclOf(contents.name, contents.acls, principal);
    },
  );

  app.get(
    '/acls/list',
    { schema: secretsSchema('The ACLs of a scope', { querystring: ScopeParams, response: AclList }) },
    async (request) => {
      const contents = await scopes.get(request.workspace.namespace, request.query.scope);
      assertPermitted(contents.name, contents.acls, request.principal, 'MANAGE');
      return { items: [...contents.acls] };
    },
  );
};
