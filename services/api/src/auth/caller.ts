import type { WorkspaceResource } from '@brickyard/common/crd';
import { workspaceNamespace } from '@brickyard/common/vocabulary';
import {
  invalidParameter,
  permissionDenied,
  resourceDoesNotExist,
  unauthenticated,
} from '../errors/databricks-error.js';
import type { WorkspaceDirectory } from '../store/workspace-directory.js';
import { type Principal, userIdOf } from './principal.js';
import type { TokenRecord, TokenStore } from './token-store.js';

/** Who may call a route. Workspace routes act inside exactly one workspace. */
export type Access = 'public' | 'workspace' | 'workspace-admin' | 'account-admin';

export interface WorkspaceContext {
  workspaceId: number;
  namespace: string;
  resource: WorkspaceResource;
}

/** The headers that say who calls and in which workspace, whatever the protocol (REST or gRPC). */
export interface CallerHeaders {
  authorization?: string | undefined;
  orgId?: string | undefined;
}

export interface Caller {
  principal: Principal;
  /** Set for every access but account-admin. */
  workspace?: WorkspaceContext;
}

export const ORG_ID_HEADER = 'x-databricks-org-id';

/**
 * The token of `Authorization: Bearer <token>`, or of `Authorization: Basic` with the token as the
 * password (user name `token`), which Databricks accepts too and browsers can send.
 */
function tokenOf(authorization: string | undefined): string {
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  if (bearer?.[1]) return bearer[1];
  const basic = authorization?.match(/^Basic\s+(\S+)\s*$/i);
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const password = decoded.slice(decoded.indexOf(':') + 1);
    if (decoded.includes(':') && password) return password;
  }
  throw unauthenticated('Missing Authorization header with a bearer token');
}

function requestedWorkspaceId(orgId: string | undefined): number | undefined {
  if (orgId === undefined) return undefined;
  const id = Number(orgId);
  if (!Number.isSafeInteger(id) || id <= 0) throw invalidParameter(`${ORG_ID_HEADER} must be a workspace id`);
  return id;
}

/** One principal per token record (records are replaced, never changed, when a token changes). */
const principals = new WeakMap<TokenRecord, Principal>();

function principalOf(record: TokenRecord): Principal {
  let principal = principals.get(record);
  if (!principal) {
    principal = {
      tokenId: record.token_id,
      userName: record.user_name,
      userId: userIdOf(record.user_name),
      isAdmin: record.is_admin || record.is_account_admin,
      isAccountAdmin: record.is_account_admin,
    };
    principals.set(record, principal);
  }
  return principal;
}

/**
 * Authenticates a call and picks its workspace: a workspace token acts in its own workspace only;
 * an account admin token picks one with X-Databricks-Org-Id. Throws the Databricks error to answer.
 */
export function resolveCaller(
  headers: CallerHeaders,
  access: Exclude<Access, 'public'>,
  tokens: TokenStore,
  workspaces: WorkspaceDirectory,
): Caller {
  const record = tokens.authenticate(tokenOf(headers.authorization));
  if (!record) throw unauthenticated('Invalid access token');
  const principal = principalOf(record);
  if (access === 'account-admin') {
    if (!record.is_account_admin) throw permissionDenied('Only account admins may call this API');
    return { principal };
  }

  const requested = requestedWorkspaceId(headers.orgId);
  let workspaceId: number;
  if (record.scope === 'account') {
    if (requested === undefined) {
      throw invalidParameter(`An account token needs the ${ORG_ID_HEADER} header to choose a workspace`);
    }
    workspaceId = requested;
  } else {
    if (requested !== undefined && requested !== record.scope) {
      throw permissionDenied(`This token is not valid for workspace ${requested}`);
    }
    workspaceId = record.scope;
  }
  const resource = workspaces.find(workspaceId);
  if (!resource) {
    if (record.scope !== 'account')
      throw unauthenticated('Invalid access token: its workspace no longer exists');
    throw resourceDoesNotExist(`Workspace ${workspaceId} does not exist`);
  }
  if (access === 'workspace-admin' && !principal.isAdmin) {
    throw permissionDenied('Only workspace admins may call this API');
  }
  return { principal, workspace: { workspaceId, namespace: workspaceNamespace(workspaceId), resource } };
}
