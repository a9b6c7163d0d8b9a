import type { PRIVILEGES } from '@brickyard/common/schema';
import type { Principal } from '../../auth/principal.js';

export type Privilege = (typeof PRIVILEGES)[number];

/** A catalog, schema, table or volume as access control sees it. */
export interface Securable {
  owner: string;
  privilegeAssignments?: { principal: string; privileges: Privilege[] }[] | undefined;
}

/** Principals every caller is: Databricks' account-wide group and the workspace's own. */
const EVERYONE = ['account users', 'users'];

function names(principal: Principal, name: string): boolean {
  const wanted = name.toLowerCase();
  return (
    principal.userName.toLowerCase() === wanted ||
    principal.groups.includes(name) ||
    EVERYONE.includes(wanted)
  );
}

/**
 * Whether the principal owns the object or an object above it (`chain` runs from the catalog
 * down), or is a workspace admin, who is this metastore's admin: either way it may do anything
 * with the object. Ownership by a group counts for its members.
 */
export function ownsAny(principal: Principal, chain: readonly Securable[]): boolean {
  return principal.isAdmin || chain.some((securable) => names(principal, securable.owner));
}

/**
 * Whether the principal holds `privilege` on the last object of `chain`: granted on it or on an
 * object above it (privileges are inherited downwards in Unity Catalog), itself or through
 * ALL_PRIVILEGES, to it or to one of its groups; owners hold every privilege.
 */
export function holds(principal: Principal, chain: readonly Securable[], privilege: Privilege): boolean {
  if (ownsAny(principal, chain)) return true;
  return chain.some((securable) =>
    (securable.privilegeAssignments ?? []).some(
      (assignment) =>
        names(principal, assignment.principal) &&
        (assignment.privileges.includes(privilege) || assignment.privileges.includes('ALL_PRIVILEGES')),
    ),
  );
}

/** Whether the principal holds any of `privileges` on the last object of `chain`. */
export function holdsAny(
  principal: Principal,
  chain: readonly Securable[],
  privileges: readonly Privilege[],
): boolean {
  return privileges.some((privilege) => holds(principal, chain, privilege));
}
