import { invalidParameter } from '../errors/databricks-error.js';
import type { AuditEvent } from './audit-event.js';

/** A query of one audit log, newest events first. */
export interface AuditQuery {
  /** Epoch ms, inclusive; never before the retention window. */
  startTime: number;
  /** Epoch ms, inclusive; the newest event when not given. */
  endTime?: number | undefined;
  serviceName?: string | undefined;
  actionName?: string | undefined;
  /** user_identity.email. */
  userName?: string | undefined;
  maxResults: number;
  /** Only events recorded before this stream entry (the page token's cursor). */
  before?: string | undefined;
}

export interface AuditQueryParams {
  start_time?: number | undefined;
  end_time?: number | undefined;
  service_name?: string | undefined;
  action_name?: string | undefined;
  user_name?: string | undefined;
  max_results?: number | undefined;
  page_token?: string | undefined;
}

const DEFAULT_MAX_RESULTS = 100;

/** Stream entry ids: `<ms>-<sequence>`. */
const ENTRY_ID = /^\d+-\d+$/;

/** Page tokens are opaque to clients: the base64url of the last entry a page held. */
export function encodePageToken(entryId: string): string {
  return Buffer.from(JSON.stringify({ before: entryId })).toString('base64url');
}

function decodePageToken(token: string): string {
  try {
    const { before } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { before?: unknown };
    if (typeof before === 'string' && ENTRY_ID.test(before)) return before;
  } catch {
    // fall through to the error below
  }
  throw invalidParameter(`Invalid page_token ${token}`);
}

/** The query a list call asks for, at `now`, in a log that keeps `retentionMs` of events. */
export function auditQueryOf(params: AuditQueryParams, now: number, retentionMs: number): AuditQuery {
  const { start_time, end_time } = params;
  if (start_time !== undefined && end_time !== undefined && end_time < start_time) {
    throw invalidParameter('end_time must not be before start_time');
  }
  return {
    // Events older than the retention may wait for their stream to be trimmed: never answered.
    startTime: Math.max(start_time ?? 0, now - retentionMs),
    endTime: end_time,
    serviceName: params.service_name,
    actionName: params.action_name,
    userName: params.user_name,
    maxResults: params.max_results ?? DEFAULT_MAX_RESULTS,
    before: params.page_token ? decodePageToken(params.page_token) : undefined,
  };
}

/** Whether an event is one the query filters for (its time range is the store's to apply). */
export function matchesQuery(event: AuditEvent, query: AuditQuery): boolean {
  return (
    (query.serviceName === undefined || event.service_name === query.serviceName) &&
    (query.actionName === undefined || event.action_name === query.actionName) &&
    (query.userName === undefined || event.user_identity.email === query.userName)
  );
}
