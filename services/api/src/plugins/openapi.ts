import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Access } from '../auth/caller.js';
import { rateLimitTable } from '../rate-limits/limits-table.js';
import { documentedResponses, type PlatformErrors } from './documented-errors.js';
import { withEveryPathParam } from './path-params.js';

export interface OpenapiOptions {
  /** The rate limits' multiplier (config.rateLimits): routes they count document 429. */
  rateLimits: number | undefined;
  /** Whether the audit plugin is on: mutating routes document its 500. */
  audit: boolean;
}

/** Every route's operation documents the errors the platform's plugins answer too, and its path's parameters. */
function withPlatformErrors(
  schema: FastifySchema,
  route: RouteOptions,
  platform: PlatformErrors,
): FastifySchema {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const access: Access = route.config?.access ?? 'workspace';
  const validated = Boolean(schema.body ?? schema.querystring ?? schema.params ?? schema.headers);
  const own = schema.response as Record<string, unknown> | undefined;
  const shape = { method: methods[0] ?? 'GET', url: route.url, access, validated };
  const params = withEveryPathParam(schema.params, route.url);
  return { ...schema, ...(params ? { params } : {}), response: documentedResponses(own, shape, platform) };
}

/** OpenAPI 3 generated from the routes' TypeBox schemas, at /openapi.json, with a UI at /docs. */
export const openapi = fp(async (app: FastifyInstance, options: OpenapiOptions) => {
  const limitOf = options.rateLimits === undefined ? undefined : rateLimitTable(options.rateLimits);
  const platform: PlatformErrors = {
    rateLimited: (method, url) => limitOf?.(method, url) !== undefined,
    audited: options.audit,
  };
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Brickyard',
        description: 'The Databricks REST API as emulated by Brickyard',
        version: '0.1.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: ({ schema, url, route }) => ({
      schema: schema ? withPlatformErrors(schema, route, platform) : schema,
      url,
    }),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
});
