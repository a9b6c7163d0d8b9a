import type { GroupResource, ServicePrincipalResource, UserResource } from '@brickyard/common/crd';
import { ACCOUNT_IDENTITIES } from '@brickyard/common/schema';
import { USERS_GROUP } from '../auth/principal.js';
import type { IdentityDirectory } from './identity-directory.js';

/** How SCIM 2.0 and Databricks' extensions name each resource's schema. */
export const ScimSchemas = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  userWorkspace: 'urn:ietf:params:scim:schemas:extension:workspace:2.0:User',
  servicePrincipal: 'urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
} as const;

type ScimObject = Record<string, unknown>;

interface GroupRef {
  value: string;
  display: string;
  $ref: string;
  type: 'direct';
}

/**
 * The groups an identity is directly in, as its SCIM `groups` attribute; `users` holds every
 * user and service principal without storing them.
 */
function directGroups(directory: IdentityDirectory, workspaceId: number, id: string, isMember: boolean) {
  const groups: GroupRef[] = directory.directGroupsOf(workspaceId, id).map((group) => ({
    value: group.spec.id,
    display: group.spec.displayName,
    $ref: `Groups/${group.spec.id}`,
    type: 'direct',
  }));
  const everyone = isMember ? directory.groupNamed(workspaceId, USERS_GROUP) : undefined;
  if (everyone) {
    groups.push({
      value: everyone.spec.id,
      display: USERS_GROUP,
      $ref: `Groups/${everyone.spec.id}`,
      type: 'direct',
    });
  }
  return groups;
}

function optional(fields: ScimObject): ScimObject {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

export function toScimUser(directory: IdentityDirectory, user: UserResource): ScimObject {
  const { spec } = user;
  return optional({
    schemas: [ScimSchemas.user, ScimSchemas.userWorkspace],
    id: spec.id,
    userName: spec.userName,
    displayName: spec.displayName ?? spec.userName,
    active: spec.active,
    emails: spec.emails ?? [{ value: spec.userName, type: 'work', primary: true }],
    name: spec.name,
    externalId: spec.externalId,
    entitlements: spec.entitlements ?? [],
    groups: directGroups(directory, spec.workspaceId, spec.id, true),
    roles: [],
  });
}

export function toScimServicePrincipal(
  directory: IdentityDirectory,
  sp: ServicePrincipalResource,
): ScimObject {
  const { spec } = sp;
  return optional({
    schemas: [ScimSchemas.servicePrincipal],
    id: spec.id,
    applicationId: spec.applicationId,
    displayName: spec.displayName ?? spec.applicationId,
    active: spec.active,
    externalId: spec.externalId,
    entitlements: spec.entitlements ?? [],
    groups: directGroups(directory, spec.workspaceId, spec.id, true),
    roles: [],
  });
}

/** A member as SCIM shows it: its id, its name, and which collection it lives in. */
function memberRef(directory: IdentityDirectory, workspaceId: number, id: string) {
  const user = directory.user(workspaceId, id);
  if (user) return { value: id, display: user.spec.displayName ?? user.spec.userName, $ref: `Users/${id}` };
  const sp = directory.servicePrincipal(workspaceId, id);
  if (sp)
    return {
      value: id,
      display: sp.spec.displayName ?? sp.spec.applicationId,
      $ref: `ServicePrincipals/${id}`,
    };
  const group = directory.group(workspaceId, id);
  if (group) return { value: id, display: group.spec.displayName, $ref: `Groups/${id}` };
  return undefined;
}

/** The members of a group as stored, or, for `users`, every user and service principal. */
function memberIdsOf(directory: IdentityDirectory, group: GroupResource): string[] {
  const { workspaceId } = group.spec;
  if (group.spec.displayName === USERS_GROUP) {
    return [...directory.usersOf(workspaceId), ...directory.servicePrincipalsOf(workspaceId)].map(
      (identity) => identity.spec.id,
    );
  }
  return (group.spec.members ?? []).map((member) => member.value);
}

export function toScimGroup(directory: IdentityDirectory, group: GroupResource): ScimObject {
  const { spec } = group;
  const members = memberIdsOf(directory, group).flatMap(
    (id) => memberRef(directory, spec.workspaceId, id) ?? [],
  );
  return optional({
    schemas: [ScimSchemas.group],
    id: spec.id,
    displayName: spec.displayName,
    externalId: spec.externalId,
    members,
    entitlements: spec.entitlements ?? [],
    groups: directGroups(directory, spec.workspaceId, spec.id, false),
    meta: { resourceType: spec.workspaceId === ACCOUNT_IDENTITIES ? 'Group' : 'WorkspaceGroup' },
  });
}
