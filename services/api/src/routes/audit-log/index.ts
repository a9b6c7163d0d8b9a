import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import { type AuditQueryParams, auditQueryOf, encodePageToken } from '../../audit/audit-query.js';
import { requireWorkspaceAdmin } from '../../auth/caller.js';
import { resourceDoesNotExist, temporarilyUnavailable } from '../../errors/databricks-error.js';
import type { RouteOptions } from '../../services.js';

const OrNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** An event in the shape of Databricks's system.access.audit. */
const AuditEvent = Type.Object({
  event_id: Type.String(),
  event_time: Type.Integer({ description: 'When the event was recorded (epoch ms)' }),
  event_date: Type.String({ description: 'The UTC day of event_time (YYYY-MM-DD)' }),
  workspace_id: Type.Integer({ description: '0 for account-level events and unknown workspaces' }),
  account_id: Type.String(),
  version: Type.String(),
  source_ip_address: Type.String(),
  user_agent: Type.String(),
  session_id: OrNull(Type.String()),
  user_identity: Type.Object({ email: Type.String(), subjectName: OrNull(Type.String()) }),
  service_name: Type.String(),
  action_name: Type.String(),
  request_id: Type.String(),
  request_params: Type.Record(Type.String(), Type.String()),
  response: Type.Object({
    status_code: Type.Integer(),
    error_message: OrNull(Type.String()),
    result: OrNull(Type.String()),
  }),
  audit_level: Type.Union([Type.Literal('WORKSPACE_LEVEL'), Type.Literal('ACCOUNT_LEVEL')]),
  identity_metadata: Type.Union([
    Type.Object({ run_by: Type.String(), run_as: Type.String(), acting_resource: OrNull(Type.String()) }),
    Type.Null(),
  ]),
});

/** The largest time the audit store's range query takes exactly (a float beyond loses the ms). */
const MAX_EPOCH_MS = Number.MAX_SAFE_INTEGER;

const ListQuery = Type.Object({
  start_time: Type.Optional(
    Type.Integer({ minimum: 0, maximum: MAX_EPOCH_MS, description: 'Epoch ms, inclusive' }),
  ),
  end_time: Type.Optional(
    Type.Integer({ minimum: 0, maximum: MAX_EPOCH_MS, description: 'Epoch ms, inclusive' }),
  ),
  service_name: Type.Optional(Type.String({ minLength: 1 })),
  action_name: Type.Optional(Type.String({ minLength: 1 })),
  user_name: Type.Optional(Type.String({ minLength: 1, description: 'user_identity.email' })),
  max_results: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  page_token: Type.Optional(Type.String()),
});

const AuditPage = Type.Object({
  events: Type.Array(AuditEvent),
  has_more: Type.Boolean(),
  next_page_token: Type.Optional(Type.String()),
});

const tags = ['audit log'];

/**
 * The audit log, a Brickyard extension: workspace admins read their workspace's events, account
 * admins the account's (workspace_id 0), newest first, within the retention.
 */
export const auditLogRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { audit, config } = services;

  const page = async (workspaceId: number, params: AuditQueryParams) => {
    const query = auditQueryOf(params, Date.now(), audit.retentionMs);
    let found: Awaited<ReturnType<typeof audit.page>>;
    try {
      found = await audit.page(workspaceId, query);
    } catch (error) {
      app.log.warn({ err: error }, 'Failed to read the audit log');
      throw temporarilyUnavailable('The audit log is not answering; retry');
    }
    const { events, before } = found;
    return {
      events,
      has_more: before !== undefined,
      ...(before ? { next_page_token: encodePageToken(before) } : {}),
    };
  };

  app.get(
    '/api/2.0/brickyard/audit-log',
    {
      // Spark reads it as system.access.audit with its pod's token, acting for a user (caller.ts):
      // open to such calls too, and to workspace admins only whoever calls.
      config: { access: 'workspace' },
      schema: {
        tags,
        summary: "The workspace's audit events, newest first",
        querystring: ListQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => {
      requireWorkspaceAdmin(request.principal);
      return page(request.workspace.workspaceId, request.query);
    },
  );

  app.get(
    '/api/2.0/accounts/:account_id/brickyard/audit-log',
    {
      config: { access: 'account-admin' },
      schema: {
        tags,
        summary: "The account's audit events, newest first",
        params: Type.Object({ account_id: Type.String() }),
        querystring: ListQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => {
      if (request.params.account_id !== config.accountId) {
        throw resourceDoesNotExist(`Account ${request.params.account_id} does not exist`);
      }
      return page(0, request.query);
    },
  );
};
