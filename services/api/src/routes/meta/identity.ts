import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteOptions } from '../../services.js';
import { oidcRootOf } from '../oauth/oidc.js';

const HostMetadata = Type.Object({
  /** The OIDC root of the host; clients read it for OAuth discovery, and warn when it is absent. */
  oidc_endpoint: Type.String(),
  cloud: Type.String(),
  host_type: Type.String(),
});

/**
 * What every client asks first: the host metadata (unauthenticated, so it names no workspace:
 * one Brickyard host serves them all). The calling user is SCIM's /Me (routes/scim).
 */
export const identityRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app) => {
  app.get(
    '/.well-known/databricks-config',
    { config: { access: 'public' }, schema: { tags: ['identity'], response: { 200: HostMetadata } } },
    async (request) => ({
      oidc_endpoint: oidcRootOf(request),
      cloud: 'AWS',
      host_type: 'WORKSPACE_HOST',
    }),
  );
};
