import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DatabricksError } from '../../errors/databricks-error.js';
import {
  type GrantSources,
  grantClientCredentials,
  revokeExpiredAccessTokens,
} from '../../oauth/client-credentials-grant.js';
import { ALL_APIS_SCOPE } from '../../oauth/client-secret.js';
import {
  clientCredentialsRequest,
  formFields,
  invalidRequest,
  OAuthError,
} from '../../oauth/token-request.js';

/** The OIDC root of this host, which /.well-known/databricks-config names for OAuth discovery. */
export function oidcRootOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/oidc`;
}

/** The authorization server's metadata (RFC 8414), as the SDKs read it to find the token endpoint. */
function serverMetadata(root: string) {
  return {
    issuer: root,
    authorization_endpoint: `${root}/v1/authorize`,
    token_endpoint: `${root}/v1/token`,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    // No user sign-in flow: the authorization endpoint only says so.
    response_types_supported: [],
    scopes_supported: [ALL_APIS_SCOPE],
  };
}

/** Errors of these routes in OAuth's form; nothing internal leaks into a 5xx body. */
function oauthErrorOf(error: FastifyError, request: FastifyRequest): OAuthError {
  if (error instanceof OAuthError) return error;
  if (error instanceof DatabricksError && error.statusCode === 503) {
    return new OAuthError(503, 'temporarily_unavailable', error.message);
  }
  // Fastify's own refusals: a body too large, of a type no parser reads.
  if (error.statusCode !== undefined && error.statusCode < 500) return invalidRequest(error.message);
  request.log.error({ err: error }, 'Unexpected error');
  return new OAuthError(500, 'server_error', 'Internal error; see the API logs');
}

function answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const oauthError = oauthErrorOf(error, request);
  if (oauthError.statusCode === 401) reply.header('www-authenticate', 'Basic realm="oidc"');
  return reply.status(oauthError.statusCode).send(oauthError.toJSON());
}

const isForm = (request: FastifyRequest) =>
  (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');

/**
 * The host's OAuth authorization server at /oidc, for machine-to-machine OAuth: a service
 * principal trades its client id and secret (service-principal-secrets.ts) for an access token.
 * Public routes, out of the OpenAPI document: they speak OAuth, described by the metadata above.
 */
export const oidcRoutes: FastifyPluginAsync<{ sources: GrantSources }> = async (app, { sources }) => {
  // The token endpoint reads forms (RFC 6749 §4.4.2); the parser serves these routes only.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    async (_request: FastifyRequest, body: string) => formFields(body),
  );
  app.setErrorHandler(answerError);
  const route = { config: { access: 'public' as const }, schema: { hide: true } };

  app.get('/.well-known/oauth-authorization-server', route, async (request) =>
    serverMetadata(oidcRootOf(request)),
  );

  app.post('/v1/token', route, async (request, reply) => {
    if (!isForm(request)) throw invalidRequest('The body must be application/x-www-form-urlencoded');
    const tokenRequest = clientCredentialsRequest(
      request.body as Record<string, string>,
      request.headers.authorization,
    );
    const answer = await grantClientCredentials(tokenRequest, sources);
    await revokeExpiredAccessTokens(sources.tokens, tokenRequest.clientId).catch((error: unknown) =>
      request.log.warn({ err: error }, 'Could not revoke expired OAuth access tokens'),
    );
    // Token answers are never cached (RFC 6749 §5.1).
    return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(answer);
  });

  app.get('/v1/authorize', route, async () => {
    throw new OAuthError(
      400,
      'unsupported_response_type',
      'Brickyard offers machine-to-machine OAuth only (client credentials); sign in with a personal access token',
    );
  });
};
