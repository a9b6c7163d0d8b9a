import { Type } from 'typebox';
import { userIdOf } from '../../auth/principal.js';
import type { TokenRecord } from '../../auth/token-store.js';

export const PublicTokenInfo = Type.Object({
  token_id: Type.String(),
  creation_time: Type.Integer(),
  expiry_time: Type.Integer(),
  comment: Type.String(),
});

/** The token-management view, which also says whose token it is. */
export const TokenInfo = Type.Object({
  ...PublicTokenInfo.properties,
  created_by_id: Type.Integer(),
  created_by_username: Type.String(),
  owner_id: Type.Integer(),
  workspace_id: Type.Integer(),
});

export const CreatedToken = Type.Object({ token_value: Type.String(), token_info: PublicTokenInfo });

export function publicTokenInfo(record: TokenRecord) {
  return {
    token_id: record.token_id,
    creation_time: record.creation_time,
    expiry_time: record.expiry_time,
    comment: record.comment,
  };
}

export function tokenInfo(record: TokenRecord, workspaceId: number) {
  return {
    ...publicTokenInfo(record),
    created_by_id: userIdOf(record.created_by_username),
    created_by_username: record.created_by_username,
    owner_id: userIdOf(record.user_name),
    workspace_id: workspaceId,
  };
}

/** Longest lifetime a token may ask for (none: forever, as Databricks allows by default). */
export const LifetimeSeconds = Type.Optional(Type.Integer({ minimum: 0, maximum: 10 * 365 * 24 * 3600 }));
