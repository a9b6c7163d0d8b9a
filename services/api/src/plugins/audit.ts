import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Counter } from 'prom-client';
import { auditCallerOf } from '../audit/audit-caller.js';
import { type AuditRecord, auditRecordOf } from '../audit/audit-event.js';
import { errorMessage, requestParams, responseResult } from '../audit/event-values.js';
import { type AuditAction, auditActionOf } from '../audit/route-actions.js';
import { DatabricksError, temporarilyUnavailable } from '../errors/databricks-error.js';
import type { ApiServices } from '../services.js';
import { accessOf } from './authentication.js';

/** Answers larger than this are no create's id: their result is not looked for. */
const RESULT_PAYLOAD_LIMIT = 16 * 1024;

const isRead = (method: string) => method === 'GET' || method === 'HEAD';

/** What a call that acted answers when its event cannot be recorded: not success, and not retried. */
const unaudited = () =>
  new DatabricksError(
    500,
    'INTERNAL_ERROR',
    'The call was carried out but its audit event could not be recorded; see the API logs',
  );

/**
 * The audit log (audit/): every call to a route that needs a token, let in or not, and signing in
 * and out, becomes one Databricks audit event. A mutating call's event is recorded before it is
 * answered (onSend waits for the write); a read's is recorded after, without delaying it.
 */
export const audit = fp(async (app: FastifyInstance, { services }: { services: ApiServices }) => {
  const store = services.audit;
  const recorded = new Counter({
    name: 'brickyard_api_audit_events_total',
    help: 'Audit events recorded, by audit level',
    labelNames: ['audit_level'] as const,
    registers: [services.registry],
  });
  const failures = new Counter({
    name: 'brickyard_api_audit_write_failures_total',
    help: 'Audit events that could not be recorded; a mutating call that acted then fails',
    labelNames: ['mutating'] as const,
    registers: [services.registry],
  });

  // One action per method and route template: the table is looked up once for each.
  const actions = new Map<string, AuditAction>();
  const auditedAction = (request: FastifyRequest): AuditAction | undefined => {
    const url = request.routeOptions.url;
    if (url === undefined) return undefined;
    const key = `${request.method} ${url}`;
    let action = actions.get(key);
    if (!action) {
      action = auditActionOf(request.method, url);
      actions.set(key, action);
    }
    return action.openRoute || accessOf(request) !== 'public' ? action : undefined;
  };

  const recordOf = async (
    request: FastifyRequest,
    reply: FastifyReply,
    action: AuditAction,
    payload: unknown,
  ): Promise<AuditRecord> => {
    const status = reply.statusCode;
    const text = typeof payload === 'string' ? payload : '';
    const acted = status < 400 && !isRead(request.method) && text.length <= RESULT_PAYLOAD_LIMIT;
    return auditRecordOf({
      accountId: services.config.accountId,
      action,
      caller: await auditCallerOf(request, action, services),
      sourceIp: request.ip,
      userAgent: request.headers['user-agent'] ?? '',
      requestId: request.id,
      params: requestParams(request.params, request.query, request.body),
      response: {
        status_code: status,
        error_message: status >= 400 ? errorMessage(text) : null,
        result: acted ? responseResult(text) : null,
      },
    });
  };

  const write = async (record: AuditRecord, mutating: boolean): Promise<boolean> => {
    try {
      await store.append(record);
      recorded.inc({ audit_level: record.audit_level });
      return true;
    } catch (error) {
      failures.inc({ mutating: String(mutating) });
      // The API's log keeps the event the audit log could not.
      app.log.error({ err: error, auditEvent: record }, 'Failed to record audit event');
      return false;
    }
  };

  // A mutating call is refused before it acts while its event could not be recorded.
  app.addHook('preHandler', async (request) => {
    if (!isRead(request.method) && !store.isWritable() && auditedAction(request)) {
      throw temporarilyUnavailable('The audit log cannot be written; retry later');
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const action = auditedAction(request);
    if (!action) return payload;
    const record = await recordOf(request, reply, action, payload);
    const mutating = !isRead(request.method);
    // A refused call did nothing: while Redis is away its event is not waited for.
    if (!mutating || (reply.statusCode >= 400 && !store.isWritable())) {
      void write(record, mutating);
      return payload;
    }
    if ((await write(record, true)) || reply.statusCode >= 400) return payload;
    const error = unaudited();
    reply.code(error.statusCode).header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify(error.toJSON());
  });
});
