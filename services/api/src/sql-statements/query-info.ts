import { isTerminal, type StatementRecord } from './statement-record.js';

/** A statement as the query history lists it (sdk-py sql.py QueryInfo). */
export interface QueryInfo {
  query_id: string;
  status: QueryStatus;
  query_text: string;
  statement_type: string;
  warehouse_id: string;
  endpoint_id: string;
  user_id: number;
  user_name: string;
  executed_as_user_id: number;
  executed_as_user_name: string;
  query_start_time_ms: number;
  query_end_time_ms?: number;
  execution_end_time_ms?: number;
  duration?: number;
  rows_produced?: number;
  error_message?: string;
  is_final: boolean;
  session_id?: string;
  client_application?: string;
  query_tags?: { key: string; value?: string }[];
  metrics?: Record<string, number>;
}

export const QUERY_STATUSES = ['QUEUED', 'RUNNING', 'CANCELED', 'FAILED', 'FINISHED'] as const;
export type QueryStatus = (typeof QUERY_STATUSES)[number];

const STATUS_OF = {
  PENDING: 'QUEUED',
  RUNNING: 'RUNNING',
  SUCCEEDED: 'FINISHED',
  FAILED: 'FAILED',
  CANCELED: 'CANCELED',
} as const satisfies Record<StatementRecord['state'], QueryStatus>;

export function queryStatus(record: StatementRecord): QueryStatus {
  return STATUS_OF[record.state];
}

/** statement_type values of the history (QueryStatementType); anything else is OTHER. */
const STATEMENT_TYPES = new Set([
  'ALTER',
  'ANALYZE',
  'COPY',
  'CREATE',
  'DELETE',
  'DESCRIBE',
  'DROP',
  'EXPLAIN',
  'GRANT',
  'INSERT',
  'MERGE',
  'OPTIMIZE',
  'REFRESH',
  'REPLACE',
  'REVOKE',
  'SELECT',
  'SET',
  'SHOW',
  'TRUNCATE',
  'UPDATE',
  'USE',
]);
/** Keywords that start a query: it reads rows, as a SELECT. */
const QUERY_KEYWORDS = new Set(['WITH', 'VALUES', 'FROM', 'TABLE']);

/** The statement's type from its first keyword, past comments and opening parentheses. */
export function statementType(sql: string): string {
  const code = sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .replace(/^[\s(]+/, '');
  const keyword = code.match(/^[A-Za-z]+/)?.[0]?.toUpperCase() ?? '';
  if (QUERY_KEYWORDS.has(keyword)) return 'SELECT';
  if (keyword === 'DESC') return 'DESCRIBE';
  return STATEMENT_TYPES.has(keyword) ? keyword : 'OTHER';
}

export function queryInfo(record: StatementRecord, includeMetrics: boolean): QueryInfo {
  const ended = record.ended_at;
  const rows = record.manifest?.total_row_count;
  const info: QueryInfo = {
    query_id: record.statement_id,
    status: queryStatus(record),
    query_text: record.statement,
    statement_type: statementType(record.statement),
    warehouse_id: record.warehouse_id,
    endpoint_id: record.warehouse_id,
    user_id: record.user_id,
    user_name: record.user_name,
    executed_as_user_id: record.user_id,
    executed_as_user_name: record.user_name,
    query_start_time_ms: record.created_at,
    is_final: isTerminal(record.state),
    ...(ended !== undefined && {
      query_end_time_ms: ended,
      execution_end_time_ms: ended,
      duration: ended - record.created_at,
    }),
    ...(rows !== undefined && { rows_produced: rows }),
    ...(record.error && { error_message: record.error.message }),
    ...(record.spark_session_id && { session_id: record.spark_session_id }),
    ...(record.client_application && { client_application: record.client_application }),
    ...(record.query_tags && { query_tags: record.query_tags }),
  };
  if (includeMetrics) {
    const started = record.started_at ?? record.created_at;
    info.metrics = {
      ...(ended !== undefined && {
        total_time_ms: ended - record.created_at,
        execution_time_ms: ended - started,
      }),
      ...(rows !== undefined && { rows_produced_count: rows }),
    };
  }
  return info;
}
