import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  type Access,
  type CallerSources,
  ORG_ID_HEADER,
  resolveCaller,
  type WorkspaceContext,
} from '../auth/caller.js';
import { callerHeadersOf } from '../auth/caller-headers.js';
import type { Principal } from '../auth/principal.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal;
    workspace: WorkspaceContext;
  }
}

/**
 * Routes are workspace routes unless they say otherwise; unmatched URLs (answered 501) and the
 * documentation UI, whose routes a plugin registers, are public.
 */
export function accessOf(request: FastifyRequest): Access {
  const url = request.routeOptions.url;
  if (url === undefined || url.startsWith('/docs')) return 'public';
  return request.routeOptions.config.access ?? 'workspace';
}

export interface AuthenticationOptions {
  sources: CallerSources;
}

/**
 * Every route but the public ones needs a token (auth/caller.ts says which and where it acts), from
 * the Authorization header or the web workspace's session cookie (auth/browser-session.ts).
 */
export const authentication = fp(async (app: FastifyInstance, { sources }: AuthenticationOptions) => {
  app.decorateRequest('principal', null as unknown as Principal);
  app.decorateRequest('workspace', null as unknown as WorkspaceContext);

  app.addHook('onRequest', async (request, reply) => {
    const access = accessOf(request);
    if (access === 'public') return;
    const { principal, workspace } = await resolveCaller(callerHeadersOf(request), access, sources);
    request.principal = principal;
    if (!workspace) return;
    request.workspace = workspace;
    reply.header(ORG_ID_HEADER, String(workspace.workspaceId));
  });
});
