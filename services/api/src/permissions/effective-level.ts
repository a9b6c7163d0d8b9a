import type { Principal } from '../auth/principal.js';
import { ADMIN_LEVEL, type ObjectTypeRules, strongest } from './object-types.js';

/** A direct grant on an object: exactly one of the three principal names, and a level. */
export interface Grant {
  user_name?: string | undefined;
  group_name?: string | undefined;
  service_principal_name?: string | undefined;
  permission_level: string;
}

/** Whether a grant names this principal, or one of its groups. */
function grantApplies(grant: Grant, principal: Principal): boolean {
  if (grant.group_name !== undefined) return principal.groups.includes(grant.group_name);
  const name = principal.kind === 'user' ? grant.user_name : grant.service_principal_name;
  return name !== undefined && name.toLowerCase() === principal.userName.toLowerCase();
}

/**
 * The level a principal holds on an object: the strongest of what it holds as owner, as a
 * workspace admin, and through grants to it or its groups. Undefined: no access at all.
 */
export function effectiveLevel(
  rules: ObjectTypeRules,
  principal: Principal,
  grants: readonly Grant[],
  owner: string | undefined,
): string | undefined {
  let level: string | undefined;
  if (owner !== undefined && owner.toLowerCase() === principal.userName.toLowerCase())
    level = rules.ownerLevel;
  if (principal.isAdmin) level = strongest(rules, level, ADMIN_LEVEL);
  for (const grant of grants) {
    if (grantApplies(grant, principal)) level = strongest(rules, level, grant.permission_level);
  }
  return level;
}
