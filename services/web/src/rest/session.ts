import { call } from './client';

/** The signed-in browser, as /api/2.0/brickyard/web-session reports it. */
export interface Session {
  user_name: string;
  is_admin: boolean;
  is_account_admin: boolean;
  /** The token's workspace; absent for an account token, whose holder picks one. */
  workspace_id?: number;
  account_id: string;
  expiry_time: number;
}

export interface WorkspaceSummary {
  workspace_id: number;
  workspace_name: string;
  workspace_status?: string;
}

const SESSION_PATH = '/api/2.0/brickyard/web-session';

export const readSession = () => call<Session>('GET', SESSION_PATH);
export const signIn = (token: string) => call<Session>('POST', SESSION_PATH, { token });
export const signOut = () => call<Record<string, never>>('DELETE', SESSION_PATH);

/** The workspaces an account admin may pick from (the accounts API). */
export const listWorkspaces = (accountId: string) =>
  call<WorkspaceSummary[]>('GET', `/api/2.0/accounts/${encodeURIComponent(accountId)}/workspaces`);
