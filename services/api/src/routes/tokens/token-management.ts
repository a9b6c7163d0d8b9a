import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { resourceDoesNotExist } from '../../errors/databricks-error.js';
import type { ApiServices, RouteOptions } from '../../services.js';
import { CreatedToken, LifetimeSeconds, publicTokenInfo, TokenInfo, tokenInfo } from './token-info.js';

const TokenIdParams = Type.Object({ token_id: Type.String({ minLength: 1 }) });

function tokenOfWorkspace(services: ApiServices, request: FastifyRequest, tokenId: string) {
  const record = services.tokens.get(tokenId);
  if (!record || record.scope !== request.workspace.workspaceId) {
    throw resourceDoesNotExist(`Token ${tokenId} does not exist`);
  }
  return record;
}

const ListSchema = {
  tags: ['token-management'],
  summary: 'All tokens of the workspace',
  querystring: Type.Object({
    created_by_id: Type.Optional(Type.Integer()),
    created_by_username: Type.Optional(Type.String()),
  }),
  response: { 200: Type.Object({ token_infos: Type.Array(TokenInfo) }) },
};

const GetSchema = {
  tags: ['token-management'],
  summary: 'One token of the workspace',
  params: TokenIdParams,
  response: { 200: Type.Object({ token_info: TokenInfo }) },
};

const DeleteSchema = {
  tags: ['token-management'],
  summary: 'Revoke a token of the workspace',
  params: TokenIdParams,
  response: { 200: Type.Object({}) },
};

const OnBehalfOfSchema = {
  tags: ['token-management'],
  summary: 'Create a token for a service principal (a non-admin user of the workspace)',
  body: Type.Object({
    application_id: Type.String({ minLength: 1, maxLength: 256 }),
    lifetime_seconds: LifetimeSeconds,
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
  }),
  response: { 200: CreatedToken },
};

/** Workspace admins see and revoke every token of their workspace, and mint tokens for others. */
export const tokenManagementRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { tokens } = services;
  const config = { access: 'workspace-admin' as const };

  app.get('/tokens', { config, schema: ListSchema }, async (request) => {
    const { workspaceId } = request.workspace;
    const { created_by_id, created_by_username } = request.query;
    const infos = tokens
      .list((record) => record.scope === workspaceId)
      .map((record) => tokenInfo(record, workspaceId))
      .filter((info) => created_by_id === undefined || info.created_by_id === created_by_id)
      .filter(
        (info) => created_by_username === undefined || info.created_by_username === created_by_username,
      );
    return { token_infos: infos };
  });

  app.get('/tokens/:token_id', { config, schema: GetSchema }, async (request) => ({
    token_info: tokenInfo(
      tokenOfWorkspace(services, request, request.params.token_id),
      request.workspace.workspaceId,
    ),
  }));

  app.delete('/tokens/:token_id', { config, schema: DeleteSchema }, async (request) => {
    tokenOfWorkspace(services, request, request.params.token_id);
    await tokens.delete(request.params.token_id);
    return {};
  });

  // Tokens on behalf of others are for service principals only, as in Databricks.
  app.post('/on-behalf-of/tokens', { config, schema: OnBehalfOfSchema }, async (request) => {
    const { application_id } = request.body;
    const workspaceId = request.workspace.workspaceId;
    if (!services.identities.servicePrincipalWithApplicationId(workspaceId, application_id)) {
      throw resourceDoesNotExist(`Service principal with application ID ${application_id} does not exist`);
    }
    const { value, record } = await tokens.create(
      {
        scope: workspaceId,
        user_name: application_id,
        is_account_admin: false,
        comment: request.body.comment ?? '',
        created_by_username: request.principal.userName,
      },
      request.body.lifetime_seconds,
    );
    return { token_value: value, token_info: publicTokenInfo(record) };
  });
};
