import type { GroupResource, ServicePrincipalResource, UserResource } from '@brickyard/common/crd';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ADMINS_GROUP, USERS_GROUP } from '../../auth/principal.js';
import { invalidParameter } from '../../errors/databricks-error.js';
import type { IdentityResource } from '../../identity/identity-directory.js';
import { removeFromGroups, revokeTokensOf } from '../../identity/memberships.js';
import {
  groupCollection,
  servicePrincipalCollection,
  userCollection,
} from '../../identity/scim-collections.js';
import type { RouteOptions } from '../../services.js';
import { type CollectionRouteOptions, scimCollectionRoutes } from './collection-routes.js';
import { meRoutes } from './me.js';

const BUILTIN_GROUPS: readonly string[] = [ADMINS_GROUP, USERS_GROUP];

/** The built-in groups stay: neither renamed nor deleted, and `users` holds everyone by itself. */
function guardBuiltinGroups(before: GroupResource | undefined, after: GroupResource | undefined): void {
  const name = before?.spec.displayName;
  if (!name || !BUILTIN_GROUPS.includes(name)) {
    if (after && BUILTIN_GROUPS.includes(after.spec.displayName)) {
      throw invalidParameter(`Group name ${after.spec.displayName} is reserved`);
    }
    return;
  }
  if (!after) throw invalidParameter(`The built-in group ${name} cannot be deleted`);
  if (after.spec.displayName !== name) throw invalidParameter(`The built-in group ${name} cannot be renamed`);
  if (name === USERS_GROUP && (after.spec.members ?? []).length > 0) {
    throw invalidParameter(
      'The users group holds every user and service principal; its members cannot be changed',
    );
  }
}

/**
 * SCIM 2.0 at /api/2.0/preview/scim/v2: Me, Users, ServicePrincipals and Groups of the caller's
 * workspace, stored as User, ServicePrincipal and Group resources.
 */
export const scimRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { identities, tokens } = services;
  const register = async <R extends IdentityResource>(options: CollectionRouteOptions<R>) => {
    await app.register(scimCollectionRoutes(options), { prefix: `/${options.collection.path}` });
  };
  const principalGone =
    (name: (resource: UserResource | ServicePrincipalResource) => string) =>
    async (resource: UserResource | ServicePrincipalResource) => {
      await removeFromGroups(identities, resource.spec.workspaceId, resource.spec.id);
      await revokeTokensOf(tokens, resource.spec.workspaceId, name(resource));
    };

  await app.register(meRoutes, { services });
  await register<UserResource>({
    collection: userCollection(identities),
    onDelete: principalGone((user) => (user as UserResource).spec.userName),
  });
  await register<ServicePrincipalResource>({
    collection: servicePrincipalCollection(identities),
    onDelete: principalGone((sp) => (sp as ServicePrincipalResource).spec.applicationId),
  });
  await register<GroupResource>({
    collection: groupCollection(identities),
    guard: guardBuiltinGroups,
    onDelete: (group) => removeFromGroups(identities, group.spec.workspaceId, group.spec.id),
  });
};
