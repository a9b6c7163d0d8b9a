import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/browser-session.js';
import {
  type Caller,
  type CallerHeaders,
  type CallerSources,
  resolveCaller,
  type WorkspaceContext,
} from '../auth/caller.js';
import { callerHeadersOf } from '../auth/caller-headers.js';
import type { Principal } from '../auth/principal.js';
import type { AuditCaller } from './audit-event.js';
import type { AuditAction } from './route-actions.js';

/** A call that came with the web workspace's session cookie rather than a token of its own. */
const fromWebSession = (request: FastifyRequest) =>
  !request.headers.authorization && request.cookies[SESSION_COOKIE] !== undefined;

/**
 * Who the credentials of a call that was not let in belong to: a valid token refused a route
 * (403) still names its user, and its workspace unless it is an account token.
 */
async function knownCaller(headers: CallerHeaders, sources: CallerSources): Promise<Caller | undefined> {
  for (const access of ['workspace', 'account-admin'] as const) {
    try {
      return await resolveCaller(headers, access, sources);
    } catch {
      // not with this access; an unknown caller after the last
    }
  }
  return undefined;
}

/** The workspace a call names in X-Databricks-Org-Id, when there is one. */
function namedWorkspace(orgId: string | undefined, sources: CallerSources): number | undefined {
  const id = Number(orgId);
  return Number.isSafeInteger(id) && id > 0 && sources.workspaces.find(id) ? id : undefined;
}

/**
 * The caller of an audited call: the principal authentication established, or else what the
 * call's credentials tell (nothing, for a token that is not valid). Signing in carries its token
 * in the body, and starts the session it is recorded in.
 */
export async function auditCallerOf(
  request: FastifyRequest,
  action: AuditAction,
  sources: CallerSources,
): Promise<AuditCaller> {
  const principal = request.principal as Principal | null;
  if (principal) {
    return {
      email: principal.userName,
      tokenId: principal.tokenId,
      workspaceId: (request.workspace as WorkspaceContext | null)?.workspaceId,
      sessionId: fromWebSession(request) ? principal.tokenId : null,
    };
  }
  const signIn = action.openRoute && request.method === 'POST';
  const signInToken = (request.body as { token?: unknown } | undefined)?.token;
  const headers =
    signIn && typeof signInToken === 'string'
      ? { authorization: `Bearer ${signInToken}` }
      : callerHeadersOf(request);
  const caller = await knownCaller(headers, sources);
  const tokenId = caller?.principal.tokenId;
  return {
    email: caller?.principal.userName ?? '',
    tokenId,
    workspaceId: caller?.workspace?.workspaceId ?? namedWorkspace(headers.orgId, sources),
    sessionId: (signIn || fromWebSession(request)) && tokenId !== undefined ? tokenId : null,
  };
}
