import { createHash } from 'node:crypto';

/** Who is calling, as established from their token (and, for account admins, the org header). */
export interface Principal {
  tokenId: string;
  userName: string;
  userId: number;
  /** Workspace admin of the workspace the request acts in. */
  isAdmin: boolean;
  isAccountAdmin: boolean;
}

/** A stable numeric SCIM id for a user name (Databricks user ids are int64). */
export function userIdOf(userName: string): number {
  const digest = createHash('sha256').update(userName).digest();
  return Number(digest.readBigUInt64BE(0) % 9_000_000_000_000_000n) + 1_000_000_000_000;
}
