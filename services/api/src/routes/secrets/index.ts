import { loadKubeConfig } from '@brickyard/common/kube';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../../services.js';
import { aclRoutes } from './acl-routes.js';
import { scopeRoutes } from './scope-routes.js';
import { SecretScopeStore } from './scope-store.js';
import { secretRoutes } from './secret-routes.js';

/**
 * The Secrets API (/api/2.0/secrets): scopes of secrets, one Kubernetes Secret each in the
 * workspace's namespace (encrypted at rest by the apiserver), guarded by secret ACLs as
 * Databricks enforces them. Values leave only through secrets/get, which dbutils.secrets calls.
 */
export const secretsRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  // Fresh options: passing ours on would apply the `prefix` a second time.
  const options = { scopes: new SecretScopeStore(loadKubeConfig(services.config.kubeconfig)) };
  await app.register(scopeRoutes, options);
  await app.register(secretRoutes, options);
  await app.register(aclRoutes, options);
};
