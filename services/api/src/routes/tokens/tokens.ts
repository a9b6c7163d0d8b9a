import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { resourceDoesNotExist } from '../../errors/databricks-error.js';
import type { RouteOptions } from '../../services.js';
import { CreatedToken, LifetimeSeconds, PublicTokenInfo, publicTokenInfo } from './token-info.js';

/** Personal access tokens: each user manages their own, in the workspace they call. */
export const tokenRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { tokens } = services;

  app.post(
    '/create',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create a personal access token for the caller',
        body: Type.Object({
          lifetime_seconds: LifetimeSeconds,
          comment: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
        response: { 200: CreatedToken },
      },
    },
    async (request) => {
      const { principal, workspace } = request;
      const { value, record } = await tokens.create(
        {
          scope: workspace.workspaceId,
          user_name: principal.userName,
          is_account_admin: false,
          comment: request.body.comment ?? '',
          created_by_username: principal.userName,
        },
        request.body.lifetime_seconds,
      );
      return { token_value: value, token_info: publicTokenInfo(record) };
    },
  );

  app.get(
    '/list',
    {
      schema: {
        tags: ['tokens'],
        summary: "The caller's tokens",
        response: { 200: Type.Object({ token_infos: Type.Array(PublicTokenInfo) }) },
      },
    },
    async (request) => ({
      token_infos: tokens
        .list((t) => t.scope === request.workspace.workspaceId && t.user_name === request.principal.userName)
        .map(publicTokenInfo),
    }),
  );

  app.post(
    '/delete',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke one of the caller’s tokens',
        body: Type.Object({ token_id: Type.String({ minLength: 1 }) }),
        response: { 200: Type.Object({}) },
      },
    },
    async (request) => {
      const record = tokens.get(request.body.token_id);
      const owned =
        record?.scope === request.workspace.workspaceId && record.user_name === request.principal.userName;
      if (!owned || !(await tokens.delete(request.body.token_id))) {
        throw resourceDoesNotExist(`Token ${request.body.token_id} does not exist`);
      }
      return {};
    },
  );
};
