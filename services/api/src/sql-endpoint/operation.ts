import type { TOperationType, TRowSet } from '@databricks/sql/thrift/TCLIService_types.js';
import type { ResultColumn } from '../sql-engine/result-format.js';
import type { HandleIdentifier } from './handles.js';
import type { TcliError } from './tcli-status.js';

/**
 * An operation of a session (TOperationHandle): a statement, or a metadata call, and its result.
 * HiveServer2's states, of which a client sees PENDING while the compute starts, RUNNING, then
 * FINISHED once rows can be fetched, or ERROR.
 */
export type OperationState = 'PENDING' | 'RUNNING' | 'FINISHED' | 'ERROR' | 'CANCELED' | 'CLOSED';

export interface OperationStatus {
  state: OperationState;
  /** Why it is in ERROR. */
  error?: TcliError;
  startedAt: number;
  endedAt?: number;
}

/** How a result's rows travel: Arrow batches, or HiveServer2's column-based row sets. */
type RowSetFormat = 'arrow' | 'columns';

export interface ResultMetadata {
  columns: readonly ResultColumn[];
  format: RowSetFormat;
  /** The IPC schema message of an Arrow result. */
  arrowSchema?: Buffer;
}

/** What one fetch asks for; the counts are at least 1 (fetch-limits.ts). */
export interface FetchRequest {
  maxRows: number;
  maxBytes: number;
  /** FETCH_FIRST: from the first row again, which only a result held whole can do. */
  fromStart: boolean;
}

export interface ResultPage {
  rowSet: TRowSet;
  hasMoreRows: boolean;
}

export interface Operation {
  readonly handle: HandleIdentifier;
  readonly type: TOperationType;
  /** When the client last asked about it: idle operations are closed (session-registry.ts). */
  lastUsed: number;
  status(): OperationStatus;
  /** Resolves once it has left PENDING and RUNNING, or after `timeoutMs`. */
  settled(timeoutMs: number): Promise<void>;
  /** The result's columns and form; throws TcliError unless FINISHED. */
  metadata(): ResultMetadata;
  /** The next rows; throws TcliError unless FINISHED, or when the rest of the result failed. */
  fetch(request: FetchRequest): Promise<ResultPage>;
  cancel(): void;
  /** Frees what it holds; it answers CLOSED from then on. */
  close(): void;
}
