import { loadKubeConfig } from '@brickyard/common/kube';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ClientSecretStore } from '../../oauth/client-secret-store.js';
import type { RouteOptions } from '../../services.js';
import { oidcRoutes } from './oidc.js';
import { servicePrincipalSecretRoutes } from './service-principal-secrets.js';

/**
 * OAuth machine-to-machine: service principals' secrets, at the workspace level (the path the
 * SDKs' service_principal_secrets_proxy calls) and the account level, and the token endpoint
 * that takes them.
 */
export const oauthRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const secrets = new ClientSecretStore(loadKubeConfig(services.config.kubeconfig));
  await app.register(servicePrincipalSecretRoutes, {
    prefix: '/api/2.0/accounts/servicePrincipals',
    services,
    secrets,
    level: 'workspace',
  });
  await app.register(servicePrincipalSecretRoutes, {
    prefix: '/api/2.0/accounts/:account_id/servicePrincipals',
    services,
    secrets,
    level: 'account',
  });
  const { identities, workspaces, tokens } = services;
  await app.register(oidcRoutes, { prefix: '/oidc', sources: { secrets, identities, workspaces, tokens } });
};
