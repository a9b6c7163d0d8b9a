import type { WorkspaceResource } from '@brickyard/common/crd';
import { workspaceNamespace } from '@brickyard/common/vocabulary';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Principal, userIdOf } from '../auth/principal.js';
import type { TokenRecord, TokenStore } from '../auth/token-store.js';
import {
  invalidParameter,
  permissionDenied,
  resourceDoesNotExist,
  unauthenticated,
} from '../errors/databricks-error.js';
import type { WorkspaceDirectory } from '../store/workspace-directory.js';

/** Who may call a route. Workspace routes act inside exactly one workspace. */
export type Access = 'public' | 'workspace' | 'workspace-admin' | 'account-admin';

interface WorkspaceContext {
  workspaceId: number;
  namespace: string;
  resource: WorkspaceResource;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal;
    workspace: WorkspaceContext;
  }
}

const ORG_ID_HEADER = 'x-databricks-org-id';

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match?.[1]) throw unauthenticated('Missing Authorization header with a bearer token');
  return match[1];
}

function requestedWorkspaceId(request: FastifyRequest): number | undefined {
  const header = request.headers[ORG_ID_HEADER];
  if (header === undefined) return undefined;
  const id = Number(Array.isArray(header) ? header[0] : header);
  if (!Number.isSafeInteger(id) || id <= 0) throw invalidParameter(`${ORG_ID_HEADER} must be a workspace id`);
  return id;
}

/**
 * Routes are workspace routes unless they say otherwise; unmatched URLs (answered 501) and the
 * documentation UI, whose routes a plugin registers, are public.
 */
function accessOf(request: FastifyRequest): Access {
  const url = request.routeOptions.url;
  if (url === undefined || url.startsWith('/docs')) return 'public';
  return request.routeOptions.config.access ?? 'workspace';
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

export interface AuthenticationOptions {
  tokens: TokenStore;
  workspaces: WorkspaceDirectory;
}

/**
 * Every route but the public ones needs `Authorization: Bearer <token>`. A workspace token acts in
 * its own workspace only; an account admin token picks one with X-Databricks-Org-Id.
 */
export const authentication = fp(
  async (app: FastifyInstance, { tokens, workspaces }: AuthenticationOptions) => {
    app.decorateRequest('principal', null as unknown as Principal);
    app.decorateRequest('workspace', null as unknown as WorkspaceContext);

    app.addHook('onRequest', async (request, reply) => {
      const access = accessOf(request);
      if (access === 'public') return;
      const record = tokens.authenticate(bearerToken(request));
      if (!record) throw unauthenticated('Invalid access token');
      request.principal = principalOf(record);

      if (access === 'account-admin') {
        if (!record.is_account_admin) throw permissionDenied('Only account admins may call this API');
        return;
      }

      const requested = requestedWorkspaceId(request);
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
      if (access === 'workspace-admin' && !request.principal.isAdmin) {
        throw permissionDenied('Only workspace admins may call this API');
      }
      request.workspace = { workspaceId, namespace: workspaceNamespace(workspaceId), resource };
      reply.header(ORG_ID_HEADER, String(workspaceId));
    });
  },
);
