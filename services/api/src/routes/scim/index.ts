import type { GroupResource, ServicePrincipalResource, UserResource } from '@brickyard/common/crd';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ADMINS_GROUP, USERS_GROUP } from '../../auth/principal.js';
import { invalidParameter } from '../../errors/databricks-error.js';
import { type IdentityResource, workspaceScope } from '../../identity/identity-directory.js';
import { forgetPrincipal, removeFromGroups } from '../../identity/memberships.js';
import {
  groupCollection,
  servicePrincipalCollection,
  userCollection,
} from '../../identity/scim-collections.js';
import type { RouteOptions } from '../../services.js';
import { type CollectionRouteOptions, scimCollectionRoutes } from './collection-routes.js';
import { meRoutes } from './me.js';

const BUILTIN_GROUPS: readonly string[] = [ADMINS_GROUP, USERS_GROUP];

/**
 * The built-in groups stay: neither renamed nor deleted, and `users` holds everyone by itself. In
 * the account their names stay free of groups a workspace would confuse with its own.
 */
export function guardBuiltinGroups(
  before: GroupResource | undefined,
  after: GroupResource | undefined,
): void {
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
  const inWorkspace = {
    scopeOf: (request: FastifyRequest) => workspaceScope(request.workspace.resource),
    access: { read: 'workspace', write: 'workspace-admin' } as const,
  };
  const register = async <R extends IdentityResource>(
    options: Omit<CollectionRouteOptions<R>, keyof typeof inWorkspace>,
  ) => {
    await app.register(scimCollectionRoutes({ ...options, ...inWorkspace }), {
      prefix: `/${options.collection.path}`,
    });
  };
  const principalGone = (resource: UserResource | ServicePrincipalResource) =>
    forgetPrincipal(identities, tokens, resource);

  await app.register(meRoutes, { services });
  await register<UserResource>({
    collection: userCollection(identities),
    onDelete: principalGone,
  });
  await register<ServicePrincipalResource>({
    collection: servicePrincipalCollection(identities),
    onDelete: principalGone,
  });
  await register<GroupResource>({
    collection: groupCollection(identities),
    guard: guardBuiltinGroups,
    onDelete: (group) => removeFromGroups(identities, group.spec.workspaceId, group.spec.id),
  });
};
