import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditLevel } from './route-actions.js';

/**
 * An audit event as Databricks records it (system.access.audit; the delivered JSON logs name the
 * same fields in camelCase). event_time is when it was recorded (epoch ms), event_date its UTC day.
 */
export interface AuditEvent {
  event_id: string;
  event_time: number;
  event_date: string;
  /** 0 for account-level events, and for calls whose workspace is not known (a bad token). */
  workspace_id: number;
  account_id: string;
  version: string;
  source_ip_address: string;
  user_agent: string;
  /** The web workspace's session the call came from; null for calls with a token of their own. */
  session_id: string | null;
  /** email is empty when the caller is not known (a token that is not valid). */
  user_identity: { email: string; subjectName: string | null };
  service_name: string;
  action_name: string;
  request_id: string;
  request_params: Record<string, string>;
  response: { status_code: number; error_message: string | null; result: string | null };
  audit_level: AuditLevel;
  identity_metadata: { run_by: string; run_as: string; acting_resource: string | null } | null;
}

/** Who made a call, as far as their credentials tell. */
export interface AuditCaller {
  /** The user name (or service principal's application id); empty when not known. */
  email: string;
  /** The id of the token that authenticated the call. */
  tokenId: string | undefined;
  /** The workspace the call acted in, or was addressed to. */
  workspaceId: number | undefined;
  sessionId: string | null;
}

/** An event before it is recorded: the store's clock gives its time. */
export type AuditRecord = Omit<AuditEvent, 'event_time' | 'event_date'>;

/** What the API knows of a call once it answers it. */
export interface AnsweredCall {
  accountId: string;
  action: AuditAction;
  caller: AuditCaller;
  sourceIp: string;
  userAgent: string;
  requestId: string;
  params: Record<string, string>;
  response: AuditEvent['response'];
}

/**
 * The audit record of a call. A call authenticated with a token records the token's id in
 * request_params as `tokenId`, the key of Databricks's tokenLogin events, so that a token's use
 * can be traced without a second event per call.
 */
export function auditRecordOf(call: AnsweredCall, eventId = randomUUID().replaceAll('-', '')): AuditRecord {
  const { caller, action } = call;
  const workspaceId = action.level === 'ACCOUNT_LEVEL' ? 0 : (caller.workspaceId ?? 0);
  return {
    event_id: eventId,
    workspace_id: workspaceId,
    account_id: call.accountId,
    version: '2.0',
    source_ip_address: call.sourceIp,
    user_agent: call.userAgent,
    session_id: caller.sessionId,
    user_identity: { email: caller.email, subjectName: null },
    service_name: action.serviceName,
    action_name: action.actionName,
    request_id: call.requestId,
    request_params: caller.tokenId === undefined ? call.params : { ...call.params, tokenId: caller.tokenId },
    response: call.response,
    audit_level: action.level,
    identity_metadata: caller.email
      ? { run_by: caller.email, run_as: caller.email, acting_resource: null }
      : null,
  };
}

/** The event of a record the store kept at `time` (epoch ms). */
export function recordedEvent(record: AuditRecord, time: number): AuditEvent {
  const { event_id, ...rest } = record;
  return { event_id, event_time: time, event_date: new Date(time).toISOString().slice(0, 10), ...rest };
}
