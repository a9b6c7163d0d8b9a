import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteOptions } from '../../services.js';

const HostMetadata = Type.Object({
  /** The OIDC root of the host; clients read it for OAuth discovery, and warn when it is absent. */
  oidc_endpoint: Type.String(),
  cloud: Type.String(),
  host_type: Type.String(),
});

const ScimUser = Type.Object({
  id: Type.String(),
  userName: Type.String(),
  displayName: Type.String(),
  active: Type.Boolean(),
  emails: Type.Array(Type.Object({ value: Type.String(), primary: Type.Boolean(), type: Type.String() })),
  groups: Type.Array(Type.Object({ display: Type.String(), value: Type.String() })),
  entitlements: Type.Array(Type.Object({ value: Type.String() })),
  schemas: Type.Array(Type.String()),
});

/**
 * What every client asks first: the host metadata (unauthenticated, so it names no workspace:
 * one Brickyard host serves them all) and the calling user.
 */
export const identityRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app) => {
  app.get(
    '/.well-known/databricks-config',
    { config: { access: 'public' }, schema: { tags: ['identity'], response: { 200: HostMetadata } } },
    async (request) => ({
      oidc_endpoint: `${request.protocol}://${request.host}/oidc`,
      cloud: 'AWS',
      host_type: 'WORKSPACE_HOST',
    }),
  );

  app.get(
    '/api/2.0/preview/scim/v2/Me',
    { schema: { tags: ['identity'], summary: 'The calling user', response: { 200: ScimUser } } },
    async (request) => {
      const { principal } = request;
      const groups = [{ display: 'users', value: 'users' }];
      if (principal.isAdmin) groups.push({ display: 'admins', value: 'admins' });
      return {
        id: String(principal.userId),
        userName: principal.userName,
        displayName: principal.userName,
        active: true,
        emails: [{ value: principal.userName, primary: true, type: 'work' }],
        groups,
        entitlements: [{ value: 'workspace-access' }, { value: 'allow-cluster-create' }],
        schemas: [
          'urn:ietf:params:scim:schemas:core:2.0:User',
          'urn:ietf:params:scim:schemas:extension:workspace:2.0:User',
        ],
      };
    },
  );
};
