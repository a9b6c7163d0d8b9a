import { get, post } from './client';

/** The Statement Execution API (its shapes as databricks-sdk's sql.py has them), INLINE JSON_ARRAY results. */

export type StatementState = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'CLOSED';

interface ColumnInfo {
  name: string;
  position: number;
  type_name: string;
  type_text: string;
}

export interface ResultData {
  chunk_index?: number;
  row_count?: number;
  data_array?: (string | null)[][];
  next_chunk_index?: number;
  next_chunk_internal_link?: string;
}

export interface StatementResponse {
  statement_id: string;
  status: {
    state: StatementState;
    error?: { error_code: string; message: string };
    sql_state?: string;
  };
  manifest?: {
    schema: { column_count: number; columns?: ColumnInfo[] };
    total_chunk_count: number;
    total_row_count: number;
    truncated: boolean;
  };
  result?: ResultData;
}

export interface StatementRequest {
  warehouse_id: string;
  statement: string;
  catalog?: string;
  schema?: string;
}

const STATEMENTS = '/api/2.0/sql/statements';

/**
 * Waits up to `waitTimeout` (5 to 50 s) for the statement; a longer one answers PENDING or RUNNING
 * and is polled. A stopped warehouse starts on it.
 */
export const executeStatement = (request: StatementRequest, waitTimeout = '10s') =>
  post<StatementResponse>(STATEMENTS, {
    ...request,
    disposition: 'INLINE',
    format: 'JSON_ARRAY',
    wait_timeout: waitTimeout,
    on_wait_timeout: 'CONTINUE',
  });

export const readStatement = (statementId: string) =>
  get<StatementResponse>(`${STATEMENTS}/${encodeURIComponent(statementId)}`);

export const cancelStatement = (statementId: string) =>
  post<Record<string, never>>(`${STATEMENTS}/${encodeURIComponent(statementId)}/cancel`);

/** A further chunk, by the link the previous one gave (a path of the same API). */
export const readChunk = (internalLink: string) => get<ResultData>(internalLink);
