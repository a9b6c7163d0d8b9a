import { get, post } from '../../api/client';

/** The Statement Execution API (databricks-sdk sql.py), as far as sample data and history read it. */

export type StatementState = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'CLOSED';

export interface StatementResponse {
  statement_id: string;
  status: { state: StatementState; error?: { error_code?: string; message: string } };
  manifest?: {
    schema: { columns?: { name: string; type_text: string; position: number }[] };
    total_row_count?: number;
    truncated?: boolean;
  };
  result?: { data_array?: (string | null)[][]; next_chunk_index?: number };
}

const STATEMENTS = '/api/2.0/sql/statements';

/** Waits up to 50 s (the API's most): a running warehouse answers in that wait, a stopped one starts. */
export const executeStatement = (warehouseId: string, statement: string) =>
  post<StatementResponse>(STATEMENTS, {
    warehouse_id: warehouseId,
    statement,
    wait_timeout: '50s',
    on_wait_timeout: 'CONTINUE',
    disposition: 'INLINE',
    format: 'JSON_ARRAY',
  });

export const readStatement = (statementId: string) =>
  get<StatementResponse>(`${STATEMENTS}/${encodeURIComponent(statementId)}`);

export const cancelStatement = (statementId: string) =>
  post<Record<string, never>>(`${STATEMENTS}/${encodeURIComponent(statementId)}/cancel`);
