import fastifyCookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController } from 'fastify';
import type { Logger } from 'pino';
import { audit } from './plugins/audit.js';
import { authentication } from './plugins/authentication.js';
import { answerFrameworkError, errorHandler } from './plugins/error-handler.js';
import { metrics } from './plugins/metrics.js';
import { openapi } from './plugins/openapi.js';
import { rateLimits } from './plugins/rate-limits.js';
import { webApp } from './plugins/web-app.js';
import { accountScimRoutes } from './routes/accounts/scim.js';
import { workspaceAssignmentRoutes } from './routes/accounts/workspace-assignments.js';
import { accountWorkspaceRoutes } from './routes/accounts/workspaces.js';
import { auditLogRoutes } from './routes/audit-log/index.js';
import { clusterPolicyRoutes, policyFamilyRoutes } from './routes/cluster-policies/index.js';
import { clusterRoutes } from './routes/clusters/index.js';
import { commandExecutionRoutes } from './routes/commands/index.js';
import { costHistoryRoutes } from './routes/cost/history-routes.js';
import { costRoutes } from './routes/cost/index.js';
import { driverProxyRoutes } from './routes/driver-proxy/index.js';
import { filesRoutes } from './routes/files/index.js';
import { instancePoolRoutes } from './routes/instance-pools/index.js';
import { jobRoutes } from './routes/jobs/index.js';
import { librariesRoutes } from './routes/libraries/index.js';
import { healthRoutes } from './routes/meta/health.js';
import { identityRoutes } from './routes/meta/identity.js';
import { mlflowRoutes } from './routes/mlflow/index.js';
import { oauthRoutes } from './routes/oauth/index.js';
import { permissionRoutes } from './routes/permissions/index.js';
import { scimRoutes } from './routes/scim/index.js';
import { secretsRoutes } from './routes/secrets/index.js';
import { queryHistoryRoutes } from './routes/sql/history/index.js';
import { queryRoutes } from './routes/sql/queries/index.js';
import { statementRoutes } from './routes/sql/statements/index.js';
import { sqlConnectorRoutes } from './routes/sql/thrift/index.js';
import { warehouseRoutes } from './routes/sql/warehouses/index.js';
import { storageRoutes } from './routes/storage-routes.js';
import { tokenManagementRoutes } from './routes/tokens/token-management.js';
import { tokenRoutes } from './routes/tokens/tokens.js';
import { userSignInTokenRoutes } from './routes/tokens/user-sign-in-tokens.js';
import { unityCatalogRoutes, unityCatalogV2Routes } from './routes/unity-catalog/index.js';
import { webSessionRoutes } from './routes/web-session/index.js';
import type { ApiServices } from './services.js';

/** Node's limit on a request line and headers (its maxHeaderSize); longer ones are answered 431. */
const MAX_URL_BYTES = 16 * 1024;

/** Version prefixes the official clients use for each API family; the last is the canonical one. */
const CLUSTER_VERSIONS = ['2.0', '2.1'];
const JOB_VERSIONS = ['2.0', '2.1', '2.2'];

export interface AppOptions {
  /** Off only in bench/api, which measures what auditing costs. */
  audit?: boolean;
}

/**
 * The API as a Fastify instance, plugins in a fixed order: errors, metrics, docs, cookies,
 * authentication, rate limits, audit, then one plugin per API family, and last the web workspace's
 * pages.
 */
export async function buildApp(services: ApiServices, logger: Logger, options: AppOptions = {}) {
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: services.config.bodyLimitBytes,
    // A path parameter may be as long as the URL Node accepts (a table's full name, a file path):
    // the router's default of 100 characters would answer longer ones 404 instead of the route.
    routerOptions: { maxParamLength: MAX_URL_BYTES },
    // Requests are counted and timed in metrics; a log line per request would cost throughput.
    logController: new LogController({ disableRequestLogging: true }),
    frameworkErrors: answerFrameworkError,
    ajv: {
      customOptions: {
        removeAdditional: true,
        coerceTypes: 'array',
        useDefaults: true,
        keywords: ['x-kubernetes-preserve-unknown-fields'],
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errorHandler);
  await app.register(metrics, { registry: services.registry });
  const { rateLimits: multiplier, redisUrl } = services.config;
  const audited = options.audit ?? true;
  await app.register(openapi, { rateLimits: multiplier, audit: audited });
  await app.register(fastifyCookie);
  await app.register(authentication, { sources: services });
  if (multiplier !== undefined) await app.register(rateLimits, { multiplier, redisUrl });
  if (audited) await app.register(audit, { services });

  await app.register(healthRoutes, { services });
  await app.register(identityRoutes, { services });
  await app.register(scimRoutes, { prefix: '/api/2.0/preview/scim/v2', services });
  await app.register(permissionRoutes, { prefix: '/api/2.0/permissions', services });
  for (const version of CLUSTER_VERSIONS) {
    const hidden = version !== CLUSTER_VERSIONS.at(-1);
    await app.register(clusterRoutes, { prefix: `/api/${version}/clusters`, services, hidden });
  }
  for (const version of JOB_VERSIONS) {
    const hidden = version !== JOB_VERSIONS.at(-1);
    await app.register(jobRoutes, { prefix: `/api/${version}/jobs`, services, hidden });
  }
  await app.register(commandExecutionRoutes, { prefix: '/api/1.2', services });
  await app.register(tokenRoutes, { prefix: '/api/2.0/token', services });
  await app.register(secretsRoutes, { prefix: '/api/2.0/secrets', services });
  await app.register(tokenManagementRoutes, { prefix: '/api/2.0/token-management', services });
  await app.register(oauthRoutes, { services });
  await app.register(userSignInTokenRoutes, { prefix: '/api/2.0/brickyard', services });
  await app.register(accountWorkspaceRoutes, {
    prefix: '/api/2.0/accounts/:account_id/workspaces',
    services,
  });
  await app.register(workspaceAssignmentRoutes, {
    prefix: '/api/2.0/accounts/:account_id/workspaces/:workspace_id/permissionassignments',
    services,
  });
  await app.register(accountScimRoutes, { prefix: '/api/2.0/accounts/:account_id/scim/v2', services });
  await app.register(warehouseRoutes, { prefix: '/api/2.0/sql/warehouses', services });
  await app.register(statementRoutes, { prefix: '/api/2.0/sql/statements', services });
  await app.register(queryRoutes, { prefix: '/api/2.0/sql/queries', services });
  await app.register(clusterPolicyRoutes, { prefix: '/api/2.0/policies/clusters', services });
  await app.register(policyFamilyRoutes, { prefix: '/api/2.0/policy-families' });
  await app.register(instancePoolRoutes, { prefix: '/api/2.0/instance-pools', services });
  await app.register(librariesRoutes, { prefix: '/api/2.0/libraries', services });
  await app.register(queryHistoryRoutes, { prefix: '/api/2.0/sql/history', services });
  await app.register(sqlConnectorRoutes, { services });
  await app.register(unityCatalogRoutes, { prefix: '/api/2.1/unity-catalog', services });
  await app.register(unityCatalogV2Routes, { prefix: '/api/2.0/unity-catalog', services });
  await app.register(storageRoutes, { services });
  await app.register(filesRoutes, { prefix: '/api/2.0/fs', services });
  await app.register(costRoutes, { prefix: '/api/2.0/brickyard', services });
  await app.register(costHistoryRoutes, { prefix: '/api/2.0/brickyard', services });
  await app.register(driverProxyRoutes, { services });
  await app.register(mlflowRoutes, { services });
  await app.register(auditLogRoutes, { services });
  await app.register(webSessionRoutes, { prefix: '/api/2.0/brickyard/web-session', services });
  await app.register(webApp, { root: services.config.webRoot });
  return app;
}
