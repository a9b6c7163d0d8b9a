import type { GroupResource, ServicePrincipalResource, UserResource } from '@brickyard/common/crd';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ACCOUNT_SCOPE, type IdentityResource } from '../../identity/identity-directory.js';
import { forgetPrincipal, removeFromGroups } from '../../identity/memberships.js';
import {
  groupCollection,
  servicePrincipalCollection,
  userCollection,
} from '../../identity/scim-collections.js';
import { refreshCopies, unassignEverywhere } from '../../identity/workspace-assignments.js';
import type { RouteOptions } from '../../services.js';
import { type CollectionRouteOptions, scimCollectionRoutes } from '../scim/collection-routes.js';
import { guardBuiltinGroups } from '../scim/index.js';
import { accountIdCheck } from './account-id.js';

/**
 * Account SCIM at /api/2.0/accounts/{account_id}/scim/v2 (the AccountClient's users, groups and
 * service_principals): the account's own identities, for account admins only. A change to a user
 * or service principal reaches its copies in the workspaces it is assigned to; deleting it
 * unassigns it everywhere.
 */
export const accountScimRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { identities, tokens } = services;
  app.addHook('preHandler', accountIdCheck(services.config.accountId));
  const inAccount = {
    scopeOf: () => ACCOUNT_SCOPE,
    access: { read: 'account-admin', write: 'account-admin' } as const,
  };
  const register = async <R extends IdentityResource>(
    options: Omit<CollectionRouteOptions<R>, keyof typeof inAccount>,
  ) => {
    await app.register(scimCollectionRoutes({ ...options, ...inAccount }), {
      prefix: `/${options.collection.path}`,
    });
  };
  const principalGone = async (resource: UserResource | ServicePrincipalResource) => {
    await unassignEverywhere(identities, tokens, resource);
    await forgetPrincipal(identities, tokens, resource);
  };
  const principalChanged = (resource: UserResource | ServicePrincipalResource) =>
    refreshCopies(identities, resource);

  await register<UserResource>({
    collection: userCollection(identities),
    onDelete: principalGone,
    onStored: principalChanged,
  });
  await register<ServicePrincipalResource>({
    collection: servicePrincipalCollection(identities),
    onDelete: principalGone,
    onStored: principalChanged,
  });
  await register<GroupResource>({
    collection: groupCollection(identities),
    guard: guardBuiltinGroups,
    onDelete: (group) => removeFromGroups(identities, group.spec.workspaceId, group.spec.id),
  });
};
