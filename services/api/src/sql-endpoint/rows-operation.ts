import type { TOperationType } from '@databricks/sql/thrift/TCLIService_types.js';
import type { ResultColumn } from '../sql-engine/result-format.js';
import { type Cell, columnRowSet } from './column-row-set.js';
import { type HandleIdentifier, newHandleIdentifier } from './handles.js';
import type { FetchRequest, Operation, OperationStatus, ResultMetadata, ResultPage } from './operation.js';

/** A result known whole when it is made: the answer of a metadata call (GetTables, ...). */
export class RowsOperation implements Operation {
  readonly handle: HandleIdentifier = newHandleIdentifier();
  lastUsed = Date.now();
  private readonly startedAt = Date.now();
  private offset = 0;
  private closed = false;

  constructor(
    readonly type: TOperationType,
    private readonly columns: readonly ResultColumn[],
    private readonly rows: readonly (readonly Cell[])[],
  ) {}

  status(): OperationStatus {
    return { state: this.closed ? 'CLOSED' : 'FINISHED', startedAt: this.startedAt, endedAt: this.startedAt };
  }

  async settled(): Promise<void> {}

  metadata(): ResultMetadata {
    return { columns: this.columns, format: 'columns' };
  }

  async fetch({ maxRows, fromStart }: FetchRequest): Promise<ResultPage> {
    if (fromStart) this.offset = 0;
    const start = this.offset;
    const page = this.rows.slice(start, start + maxRows);
    this.offset += page.length;
    const values = this.columns.map((_column, index) => page.map((row) => row[index] ?? null));
    return { rowSet: columnRowSet(this.columns, values, start), hasMoreRows: this.offset < this.rows.length };
  }

  cancel(): void {}

  close(): void {
    this.closed = true;
  }
}
