import { call, get, post } from '../../rest/client';

/** The calling user, as SCIM's Me returns it. */
export interface ScimMe {
  id: string;
  userName: string;
  displayName: string;
  active: boolean;
  emails: { value: string; primary: boolean }[];
  groups: { display: string; value: string }[];
  entitlements: { value: string }[];
}

/** A personal access token as the Token API lists it (never its value). */
export interface TokenInfo {
  token_id: string;
  creation_time: number;
  /** -1 for a token that never expires. */
  expiry_time: number;
  comment: string;
}

/** The token-management view of a token, which also says whose it is. */
export interface ManagedTokenInfo extends TokenInfo {
  created_by_username: string;
  owner_id: number;
}

export interface CreatedToken {
  token_value: string;
  token_info: TokenInfo;
}

export const readMe = () => get<ScimMe>('/api/2.0/preview/scim/v2/Me');

export const listOwnTokens = async () =>
  (await get<{ token_infos?: TokenInfo[] }>('/api/2.0/token/list')).token_infos ?? [];

export const createToken = (request: { comment: string; lifetime_seconds?: number }) =>
  post<CreatedToken>('/api/2.0/token/create', request);

export const revokeOwnToken = (tokenId: string) =>
  post<Record<string, never>>('/api/2.0/token/delete', { token_id: tokenId });

export const listWorkspaceTokens = async () =>
  (await get<{ token_infos?: ManagedTokenInfo[] }>('/api/2.0/token-management/tokens')).token_infos ?? [];

export const revokeWorkspaceToken = (tokenId: string) =>
  call<Record<string, never>>('DELETE', `/api/2.0/token-management/tokens/${encodeURIComponent(tokenId)}`);

/** Both lists change together: a user's own token is also one of the workspace's. */
export const tokensKey = ['tokens'] as const;
