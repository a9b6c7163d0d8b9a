import { ADMINS_GROUP } from '../../auth/principal.js';
import { invalidParameter } from '../../errors/databricks-error.js';
import type { IdentityDirectory } from '../../identity/identity-directory.js';
import type { Grant } from '../../permissions/effective-level.js';
import type { GovernedObject } from '../../permissions/governed-objects.js';
import { ADMIN_LEVEL, type ObjectTypeRules, ownershipIsGranted } from '../../permissions/object-types.js';

type Entry = {
  user_name?: string;
  group_name?: string;
  service_principal_name?: string;
  display_name?: string;
  all_permissions: { permission_level: string; inherited: boolean; inherited_from_object?: string[] }[];
};

/** The principal a grant names, as `user_name`, `group_name` or `service_principal_name`. */
function principalKey(grant: Grant): string {
  if (grant.user_name !== undefined) return `user:${grant.user_name.toLowerCase()}`;
  if (grant.group_name !== undefined) return `group:${grant.group_name}`;
  return `sp:${grant.service_principal_name ?? ''}`;
}

/**
 * Checks grants a client sent: each names exactly one principal of the workspace, at a level this
 * type of object has; one owner at most, and only a user or service principal can own.
 */
export function validateGrants(
  grants: readonly Grant[],
  rules: ObjectTypeRules,
  identities: IdentityDirectory,
  workspaceId: number,
): void {
  for (const grant of grants) {
    const named = [grant.user_name, grant.group_name, grant.service_principal_name].filter(
      (n) => n !== undefined,
    );
    if (named.length !== 1) {
      throw invalidParameter(
        'Each access control entry names exactly one of user_name, group_name, service_principal_name',
      );
    }
    if (!rules.grantableLevels.includes(grant.permission_level)) {
      throw invalidParameter(
        `Permission level ${grant.permission_level} is not supported for ${rules.requestType}; use one of ${rules.grantableLevels.join(', ')}`,
      );
    }
    if (grant.user_name !== undefined && !identities.userNamed(workspaceId, grant.user_name)) {
      throw invalidParameter(`Principal: UserName(${grant.user_name}) does not exist`);
    }
    if (grant.group_name !== undefined && !identities.groupNamed(workspaceId, grant.group_name)) {
      throw invalidParameter(`Principal: GroupName(${grant.group_name}) does not exist`);
    }
    const sp = grant.service_principal_name;
    if (sp !== undefined && !identities.servicePrincipalWithApplicationId(workspaceId, sp)) {
      throw invalidParameter(`Principal: ServicePrincipalName(${sp}) does not exist`);
    }
  }
  const owners = grants.filter(
    (grant) => grant.permission_level === rules.ownerLevel && rules.ownerLevel !== ADMIN_LEVEL,
  );
  if (owners.length > 1) throw invalidParameter(`An object can have only one ${rules.ownerLevel}`);
  if (owners.some((grant) => grant.group_name !== undefined)) {
    throw invalidParameter(`A group cannot be ${rules.ownerLevel}`);
  }
}

/** PATCH: each principal named in `changes` gets the level given there, the others keep theirs. */
export function mergeGrants(current: readonly Grant[], changes: readonly Grant[]): Grant[] {
  const changed = new Set(changes.map(principalKey));
  return [...current.filter((grant) => !changed.has(principalKey(grant))), ...changes];
}

/** A grant set on an object above this one (a folder, the root object), which passes down to it. */
export interface InheritedGrant {
  grant: Grant;
  /** The object it is set on, as `object_id`: '/directories/123', '/clusters/'. */
  from: string;
}

/**
 * The access control list as the API answers it: direct grants per principal, the owner, and what
 * is inherited: by default the admins group's CAN_MANAGE from the root object.
 */
export function accessControlList(
  object: GovernedObject,
  grants: readonly Grant[],
  owner: string | undefined,
  identities: IdentityDirectory,
  workspaceId: number,
  inherited: readonly InheritedGrant[] = [
    { grant: { group_name: ADMINS_GROUP, permission_level: ADMIN_LEVEL }, from: object.rules.objectIdPrefix },
  ],
): Entry[] {
  const entries = new Map<string, Entry>();
  const add = (grant: Grant, from?: string) => {
    const key = principalKey(grant);
    const entry: Entry = entries.get(key) ?? {
      ...(grant.user_name !== undefined ? { user_name: grant.user_name } : {}),
      ...(grant.group_name !== undefined ? { group_name: grant.group_name } : {}),
      ...(grant.service_principal_name !== undefined
        ? { service_principal_name: grant.service_principal_name }
        : {}),
      all_permissions: [],
    };
    entry.all_permissions.push({
      permission_level: grant.permission_level,
      inherited: from !== undefined,
      ...(from !== undefined ? { inherited_from_object: [from] } : {}),
    });
    entries.set(key, entry);
  };
  for (const grant of grants) add(grant);
  const ownerGranted =
    ownershipIsGranted(object.rules) && grants.some((g) => g.permission_level === object.rules.ownerLevel);
  if (owner !== undefined && !ownerGranted) {
    const isServicePrincipal = identities.servicePrincipalWithApplicationId(workspaceId, owner) !== undefined;
    add(
      isServicePrincipal
        ? { service_principal_name: owner, permission_level: object.rules.ownerLevel }
        : { user_name: owner, permission_level: object.rules.ownerLevel },
    );
  }
  for (const { grant, from } of inherited) add(grant, from);
  for (const entry of entries.values()) {
    if (entry.user_name === undefined) continue;
    const user = identities.userNamed(workspaceId, entry.user_name);
    if (user?.spec.displayName) entry.display_name = user.spec.displayName;
  }
  return [...entries.values()];
}
