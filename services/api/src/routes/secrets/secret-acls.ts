import type { Principal } from '../../auth/principal.js';
import { invalidParameter, permissionDenied } from '../../errors/databricks-error.js';
import { aclDoesNotExist } from './secret-errors.js';

/** Secret ACL levels, weakest first: each allows what the ones before it do. */
export const PERMISSIONS = ['READ', 'WRITE', 'MANAGE'] as const;
export type SecretPermission = (typeof PERMISSIONS)[number];

export interface AclItem {
  principal: string;
  permission: SecretPermission;
}

type Caller = Pick<Principal, 'userName' | 'groups' | 'isAdmin'>;

const rank = (permission: SecretPermission) => PERMISSIONS.indexOf(permission);

/**
 * What a caller may do in a scope: everything for workspace admins, else the strongest level
 * granted to their user name or to one of their groups.
 */
export function permissionOf(acls: readonly AclItem[], caller: Caller): SecretPermission | undefined {
  if (caller.isAdmin) return 'MANAGE';
  let held: SecretPermission | undefined;
  for (const { principal, permission } of acls) {
    const applies = principal === caller.userName || caller.groups.includes(principal);
    if (applies && (held === undefined || rank(permission) > rank(held))) held = permission;
  }
  return held;
}

export function assertPermitted(
  scope: string,
  acls: readonly AclItem[],
  caller: Caller,
  needed: SecretPermission,
): void {
  const held = permissionOf(acls, caller);
  if (held === undefined || rank(held) < rank(needed)) {
    throw permissionDenied(`User ${caller.userName} does not have ${needed} permission on scope ${scope}`);
  }
}

function assertPrincipal(principal: string): void {
  if (principal.trim() === '') throw invalidParameter('principal must be a user or group name');
}

/** The ACLs with `item` granted: a principal's existing ACL is overwritten, a new one appended. */
export function withAcl(acls: readonly AclItem[], item: AclItem): AclItem[] {
  assertPrincipal(item.principal);
  const found = acls.some((acl) => acl.principal === item.principal);
  if (!found) return [...acls, item];
  return acls.map((acl) => (acl.principal === item.principal ? item : acl));
}

export function aclOf(scope: string, acls: readonly AclItem[], principal: string): AclItem {
  const acl = acls.find((item) => item.principal === principal);
  if (!acl) throw aclDoesNotExist(scope, principal);
  return acl;
}

export function withoutAcl(scope: string, acls: readonly AclItem[], principal: string): AclItem[] {
  aclOf(scope, acls, principal);
  return acls.filter((acl) => acl.principal !== principal);
}
