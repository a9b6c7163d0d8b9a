import { invalidParameter } from '../errors/databricks-error.js';
import { type QueryStatus, queryStatus } from './query-info.js';
import type { StatementRecord } from './statement-record.js';
import type { HistoryEntry, StatementStore } from './statement-store.js';

/** The query history's filter_by (QueryFilter): each list, when given, must hold the statement's value. */
export interface QueryFilter {
  warehouseIds?: readonly string[] | undefined;
  statuses?: readonly string[] | undefined;
  userIds?: readonly number[] | undefined;
  statementIds?: readonly string[] | undefined;
  startTimeMs?: number | undefined;
  endTimeMs?: number | undefined;
}

export interface HistoryPage {
  records: StatementRecord[];
  /** Where the next page starts; absent on the last page. */
  nextPageToken?: string;
}

/** Statements the history reads per round trip to Redis while it fills a filtered page. */
const SCAN_BATCH = 200;
/** A page is answered (possibly short, with a token) after this many statements were looked at. */
const SCAN_LIMIT = 5000;

export function encodeHistoryToken(entry: HistoryEntry): string {
  return Buffer.from(JSON.stringify({ t: entry.createdAt, id: entry.id })).toString('base64url');
}

export function decodeHistoryToken(token: string): HistoryEntry {
  try {
    const { t, id } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      t?: unknown;
      id?: unknown;
    };
    if (typeof t === 'number' && Number.isSafeInteger(t) && typeof id === 'string')
      return { createdAt: t, id };
  } catch {
    // fall through to the error below
  }
  throw invalidParameter(`Invalid page_token ${token}`);
}

export function matchesFilter(record: StatementRecord, filter: QueryFilter): boolean {
  const has = <T>(list: readonly T[] | undefined, value: T) =>
    !list || list.length === 0 || list.includes(value);
  return (
    has(filter.warehouseIds, record.warehouse_id) &&
    has(filter.statuses as readonly string[] | undefined, queryStatus(record) as QueryStatus) &&
    has(filter.userIds, record.user_id) &&
    has(filter.statementIds, record.statement_id) &&
    (filter.startTimeMs === undefined || record.created_at >= filter.startTimeMs) &&
    (filter.endTimeMs === undefined || record.created_at <= filter.endTimeMs)
  );
}

/**
 * One page of a workspace's query history, most recently started first, of the statements
 * `visible` lets the caller see. Pages are positions in the history (creation time and id), so
 * statements started meanwhile do not shift them.
 */
export async function historyPage(
  store: StatementStore,
  workspaceId: number,
  options: { filter: QueryFilter; maxResults: number; pageToken?: string | undefined },
  visible: (record: StatementRecord) => boolean,
): Promise<HistoryPage> {
  const { filter, maxResults } = options;
  const keep = (record: StatementRecord) => visible(record) && matchesFilter(record, filter);
  if (filter.statementIds && filter.statementIds.length > 0) {
    const records = (await store.getMany(filter.statementIds)).filter(keep);
    return { records: records.sort((a, b) => b.created_at - a.created_at).slice(0, maxResults) };
  }
  let cursor = options.pageToken ? decodeHistoryToken(options.pageToken) : undefined;
  if (filter.endTimeMs !== undefined && (!cursor || cursor.createdAt > filter.endTimeMs)) {
    cursor = { createdAt: filter.endTimeMs + 1, id: '' };
  }
  const records: StatementRecord[] = [];
  for (let scanned = 0; scanned < SCAN_LIMIT; scanned += SCAN_BATCH) {
    const entries = await store.historyPage(workspaceId, SCAN_BATCH, cursor);
    const inRange = entries.filter(
      (entry) => filter.startTimeMs === undefined || entry.createdAt >= filter.startTimeMs,
    );
    const found = await store.getMany(inRange.map((entry) => entry.id));
    for (const [index, record] of found.entries()) {
      if (!keep(record)) continue;
      records.push(record);
      if (records.length === maxResults) {
        const last = { createdAt: record.created_at, id: record.statement_id };
        const more = index < found.length - 1 || inRange.length === SCAN_BATCH;
        return { records, ...(more && { nextPageToken: encodeHistoryToken(last) }) };
      }
    }
    const last = entries.at(-1);
    if (!last || inRange.length < entries.length || entries.length < SCAN_BATCH) return { records };
    cursor = last;
  }
  return { records, ...(cursor && { nextPageToken: encodeHistoryToken(cursor) }) };
}
