import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { resourceDoesNotExist } from '../../errors/databricks-error.js';
import type { RouteOptions } from '../../services.js';
import { CreatedToken, LifetimeSeconds, publicTokenInfo } from './token-info.js';

/**
 * A Brickyard extension: a workspace admin issues a user's first token. On Databricks a user signs
 * in to the workspace (SSO) and makes their own tokens; Brickyard has no identity provider, so
 * this stands in for that sign-in. The token is the user's own: it acts with their groups and
 * grants, and the user can list and revoke it with /api/2.0/token.
 */
export const userSignInTokenRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  app.post(
    '/users/:user_id/tokens',
    {
      config: { access: 'workspace-admin' },
      schema: {
        tags: ['token-management'],
        summary: "Issue a user's token (stands in for signing in to the workspace)",
        params: Type.Object({ user_id: Type.String({ pattern: '^[0-9]{1,20}$' }) }),
        body: Type.Object({
          lifetime_seconds: LifetimeSeconds,
          comment: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
        response: { 200: CreatedToken },
      },
    },
    async (request) => {
      const { workspaceId } = request.workspace;
      const user = services.identities.user(workspaceId, request.params.user_id);
      if (!user) throw resourceDoesNotExist(`User ${request.params.user_id} does not exist`);
      const { value, record } = await services.tokens.create(
        {
          scope: workspaceId,
          user_name: user.spec.userName,
          is_account_admin: false,
          comment: request.body.comment ?? '',
          created_by_username: request.principal.userName,
        },
        request.body.lifetime_seconds,
      );
      return { token_value: value, token_info: publicTokenInfo(record) };
    },
  );
};
