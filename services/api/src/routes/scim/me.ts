import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ScimSchemas, toScimServicePrincipal, toScimUser } from '../../identity/scim-representation.js';
import type { RouteOptions } from '../../services.js';
import { ScimObject } from './scim-schemas.js';

/**
 * The caller, as SCIM's User: what every client asks first. A service principal answers with its
 * application id as user name (the SDKs read `userName`); an account admin acting in a workspace
 * it is not a member of answers as itself.
 */
export const meRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { identities } = services;
  app.get(
    '/Me',
    { schema: { tags: ['scim'], summary: 'The calling user', response: { 200: ScimObject } } },
    async (request) => {
      const { principal, workspace } = request;
      const identity = identities.principalNamed(workspace.workspaceId, principal.userName);
      // Me shows what the caller may do: its own entitlements and those of its groups.
      if (identity) {
        const { spec } = identity.resource;
        const entitlements = identities
          .entitlementsOf(workspace.workspaceId, spec.id, spec.entitlements)
          .map((value) => ({ value }));
        return identity.kind === 'user'
          ? { ...toScimUser(identities, identity.resource), entitlements }
          : {
              ...toScimServicePrincipal(identities, identity.resource),
              userName: principal.userName,
              entitlements,
            };
      }
      return {
        schemas: [ScimSchemas.user, ScimSchemas.userWorkspace],
        id: String(principal.userId),
        userName: principal.userName,
        displayName: principal.userName,
        active: true,
        emails: [{ value: principal.userName, primary: true, type: 'work' }],
        groups: principal.groups.map((display) => ({ display, value: display })),
        entitlements: [{ value: 'workspace-access' }, { value: 'allow-cluster-create' }],
      };
    },
  );
};
