import { createHash } from 'node:crypto';

/** Who is calling, as established from their token (and, for account admins, the org header). */
export interface Principal {
  tokenId: string;
  /** A user's user name, or a service principal's application id (how tokens and grants name it). */
  userName: string;
  /** The SCIM id. */
  userId: number;
  kind: 'user' | 'service-principal';
  /** Workspace admin of the workspace the request acts in. */
  isAdmin: boolean;
  isAccountAdmin: boolean;
  /**
   * Display names of the workspace groups the principal belongs to, directly or through other
   * groups; always holds `users`, and `admins` exactly when isAdmin. Permissions and ACLs granted
   * to a group apply to its members through this list.
   */
  groups: readonly string[];
}

/** The built-in groups of every workspace: everyone, and the workspace admins. */
export const USERS_GROUP = 'users';
export const ADMINS_GROUP = 'admins';

/** A stable numeric id for a seed (Databricks SCIM ids are int64), exact in a double. */
export function stableNumericId(seed: string): number {
  const digest = createHash('sha256').update(seed).digest();
  return Number(digest.readBigUInt64BE(0) % 9_000_000_000_000_000n) + 1_000_000_000_000;
}

/** A user's SCIM id follows from the user name, so tokens and SCIM agree without a lookup. */
export function userIdOf(userName: string): number {
  return stableNumericId(userName.toLowerCase());
}
