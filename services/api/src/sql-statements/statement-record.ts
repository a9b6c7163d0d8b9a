import type { ColumnInfo } from '../sql-engine/column-info.js';
import type { ResultFormat } from '../sql-engine/result-format.js';

/**
 * A statement of the Statement Execution API as stored in Redis: what was asked, where it runs,
 * its lifecycle and, once it succeeded, the manifest of its result (chunks live in the object
 * store). The API's answers and the query history are both views of it.
 *
 *   PENDING --(warehouse reached)--> RUNNING --> SUCCEEDED | FAILED | CANCELED
 *      \-------------------(cancel, failure)--------------> CANCELED | FAILED
 *
 * CLOSED is not stored: a SUCCEEDED statement whose results expired is shown CLOSED.
 */
export type StoredState = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';
export type StatementState = StoredState | 'CLOSED';

export const DISPOSITIONS = ['INLINE', 'EXTERNAL_LINKS'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export interface ChunkInfo {
  chunk_index: number;
  row_offset: number;
  row_count: number;
  /** Bytes of the chunk's object (Databricks gives it for EXTERNAL_LINKS only). */
  byte_count: number;
}

export interface ResultManifest {
  format: ResultFormat;
  schema: { column_count: number; columns?: ColumnInfo[] };
  total_row_count: number;
  total_chunk_count: number;
  total_byte_count: number;
  chunks: ChunkInfo[];
  truncated: boolean;
}

export interface StatementRecord {
  statement_id: string;
  workspace_id: number;
  warehouse_id: string;
  statement: string;
  user_name: string;
  user_id: number;
  state: StoredState;
  disposition: Disposition;
  format: ResultFormat;
  catalog?: string;
  schema?: string;
  row_limit?: number;
  byte_limit?: number;
  query_tags?: { key: string; value?: string }[];
  /** The client's product, from its User-Agent (the query history's client_application). */
  client_application?: string;
  /** The id of the API process that runs it; a statement whose runner is gone is failed. */
  runner: string;
  /** Set by a cancel: the runner ends the statement CANCELED rather than running or finishing it. */
  cancel_requested?: boolean;
  /** The Spark session on the warehouse's driver, once the statement runs. */
  spark_session_id?: string;
  created_at: number;
  started_at?: number;
  ended_at?: number;
  /** After this, results are gone and the statement reads CLOSED. */
  results_expire_at?: number;
  error?: { error_code: string; message: string };
  sql_state?: string;
  manifest?: ResultManifest;
}

const TERMINAL = new Set<StoredState>(['SUCCEEDED', 'FAILED', 'CANCELED']);

export function isTerminal(state: StoredState): boolean {
  return TERMINAL.has(state);
}

/** The state a client sees: CLOSED once the results of a finished statement expired. */
export function visibleState(record: StatementRecord, now = Date.now()): StatementState {
  const expired = record.results_expire_at !== undefined && now >= record.results_expire_at;
  return record.state === 'SUCCEEDED' && expired ? 'CLOSED' : record.state;
}
