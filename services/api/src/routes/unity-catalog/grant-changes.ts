import type { Privilege } from './privileges.js';
import type { Assignments } from './securables.js';

export interface PermissionsChange {
  principal: string;
  add?: Privilege[] | undefined;
  remove?: Privilege[] | undefined;
}

/**
 * The assignments after a PATCH of grants: each change adds and removes privileges of one
 * principal; a principal left with none drops out. Order is kept, new principals come last.
 */
export function applyChanges(current: Assignments, changes: readonly PermissionsChange[]): Assignments {
  const byPrincipal = new Map(current.map((a) => [a.principal, new Set(a.privileges)]));
  for (const { principal, add = [], remove = [] } of changes) {
    const held = byPrincipal.get(principal) ?? new Set<Privilege>();
    for (const privilege of add) held.add(privilege);
    for (const privilege of remove) held.delete(privilege);
    byPrincipal.set(principal, held);
  }
  return [...byPrincipal]
    .filter(([, privileges]) => privileges.size > 0)
    .map(([principal, privileges]) => ({ principal, privileges: [...privileges] }));
}
