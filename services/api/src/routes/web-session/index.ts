import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CSRF_HEADER, SESSION_COOKIE, sessionCookieOptions } from '../../auth/browser-session.js';
import { workspacePrincipal } from '../../auth/caller.js';
import type { TokenRecord } from '../../auth/token-store.js';
import { unauthenticated } from '../../errors/databricks-error.js';
import { errorResponses } from '../../errors/error-body.js';
import type { ApiServices, RouteOptions } from '../../services.js';

const Session = Type.Object({
  user_name: Type.String(),
  is_admin: Type.Boolean(),
  is_account_admin: Type.Boolean(),
  /** The token's workspace; absent for an account token, whose holder picks one. */
  workspace_id: Type.Optional(Type.Integer()),
  account_id: Type.String(),
  /** When the token stops working (epoch ms); -1: never. */
  expiry_time: Type.Integer(),
});

const SignIn = Type.Object({ token: Type.String({ minLength: 1, maxLength: 4096 }) });

/** The session of a token; a workspace token whose holder left the workspace has none. */
function sessionOf(record: TokenRecord, services: ApiServices) {
  const isAdmin =
    record.is_account_admin ||
    (record.scope !== 'account' &&
      workspacePrincipal(services.identities, record.scope, record.user_name, record.token_id).isAdmin);
  return {
    user_name: record.user_name,
    is_admin: isAdmin,
    is_account_admin: record.is_account_admin,
    ...(record.scope === 'account' ? {} : { workspace_id: record.scope }),
    account_id: services.config.accountId,
    expiry_time: record.expiry_time,
  };
}

function isSecure(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/**
 * The web workspace's sign-in, a Brickyard extension: a personal access token in, an HttpOnly
 * session cookie out (auth/browser-session.ts). The token stays the credential, so revoking it
 * signs the browser out on its next call.
 */
export const webSessionRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const open = { access: 'public' as const };
  const tags = ['web session'];

  app.post(
    '/',
    {
      config: open,
      schema: {
        tags,
        summary: 'Sign in with a personal access token',
        body: SignIn,
        response: { 200: Session, ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const record = services.tokens.authenticate(request.body.token);
      if (!record) throw unauthenticated('Invalid access token');
      reply.setCookie(SESSION_COOKIE, request.body.token, sessionCookieOptions(isSecure(request)));
      return sessionOf(record, services);
    },
  );

  app.get(
    '/',
    {
      config: open,
      schema: {
        tags,
        summary: "The signed-in browser's session",
        response: { 200: Session, ...errorResponses(401) },
      },
    },
    async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      const record = token && request.headers[CSRF_HEADER] ? services.tokens.authenticate(token) : undefined;
      if (!record) throw unauthenticated('Not signed in');
      return sessionOf(record, services);
    },
  );

  app.delete(
    '/',
    { config: open, schema: { tags, summary: 'Sign out', response: { 200: Type.Object({}) } } },
    async (request, reply) => {
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(isSecure(request)));
      return {};
    },
  );
};
