import type { RecordBatch } from 'apache-arrow';
import type { FastifyBaseLogger } from 'fastify';
import { Int64 } from 'thrift';
import { DatabricksError } from '../errors/databricks-error.js';
import type { ConnectSession } from '../sql-engine/connect-client.js';
import type { ResultColumn } from '../sql-engine/result-format.js';
import type { SqlEngine } from '../sql-engine/sql-engine.js';
import { SqlError } from '../sql-engine/sql-error.js';
import type { StatementParameter } from '../sql-engine/sql-parameters.js';
import { ChangeWaiters } from '../store/change-waiters.js';
import { ArrowResultEncoder } from './arrow-row-set.js';
import type { ArrowNativeTypes } from './arrow-schema.js';
import { batchCells } from './batch-cells.js';
import { BatchQueue } from './batch-queue.js';
import { columnRowSet } from './column-row-set.js';
import { type HandleIdentifier, newHandleIdentifier } from './handles.js';
import type {
  FetchRequest,
  Operation,
  OperationState,
  OperationStatus,
  ResultMetadata,
  ResultPage,
} from './operation.js';
import type { SqlCompute } from './sql-compute.js';
import { ttypes } from './tcli.js';
import { TcliError } from './tcli-status.js';

export interface StatementDeps {
  engine: SqlEngine;
  compute: SqlCompute;
  /** The session's Spark session on this driver, its namespace and settings applied. */
  sparkSession(address: string): Promise<ConnectSession>;
  log: FastifyBaseLogger;
}

export interface StatementRequest {
  sql: string;
  parameters: StatementParameter[];
  /** Arrow with these native types, or column-based row sets for a client without Arrow. */
  arrow: ArrowNativeTypes | undefined;
  /** The most rows the client wants (resultRowLimit): Spark is not read past them. */
  rowLimit?: number;
}

/**
 * How much of a result waits here for the client at most: past it, Spark is not read further
 * until the client fetches (gRPC's flow control holds the rest on the driver), so a client that
 * reads slowly, or never, costs this much memory of the API per statement.
 */
const BUFFER_BYTES = 16 * 1024 * 1024;
/** How long a fetch waits for Spark's next rows before it answers with none (the client asks again). */
const FETCH_WAIT_MS = 30_000;

const internalFailure = () => new TcliError('The statement failed: internal error of the SQL engine');

/**
 * A statement of a session, run in the background from ExecuteStatement on: it waits for the
 * compute (PENDING), runs on Spark Connect (RUNNING), and is FINISHED once its result has ended or
 * fills the buffer; the client then fetches the rows as Spark streams them. A failure after
 * FINISHED (a later partition failing) is answered to the fetch that reaches it.
 */
export class StatementOperation implements Operation {
  readonly handle: HandleIdentifier = newHandleIdentifier();
  readonly type = ttypes.TOperationType.EXECUTE_STATEMENT;
  lastUsed = Date.now();
  private state: OperationState = 'PENDING';
  private failure: TcliError | undefined;
  private lateFailure: TcliError | undefined;
  private readonly startedAt = Date.now();
  private endedAt: number | undefined;
  private columns: ResultColumn[] = [];
  private encoder: ArrowResultEncoder | undefined;
  private readonly queue = new BatchQueue();
  private ended = false;
  private rowOffset = 0;
  /** Rows read from Spark so far. */
  private received = 0;
  private session: ConnectSession | undefined;
  private readonly abort = new AbortController();
  private readonly waiters = new ChangeWaiters();

  constructor(
    private readonly deps: StatementDeps,
    private readonly request: StatementRequest,
  ) {
    this.abort.signal.addEventListener('abort', () => this.waiters.changed(), { once: true });
    void this.run();
  }

  private async run(): Promise<void> {
    const { engine, compute } = this.deps;
    const signal = this.abort.signal;
    compute.markActive();
    try {
      const address = await compute.driverAddress(signal);
      this.session = await this.deps.sparkSession(address);
      signal.throwIfAborted();
      this.move('RUNNING');
      const statement = {
        session: this.session,
        operationId: this.handle.id,
        sql: this.request.sql,
        parameters: this.request.parameters,
      };
      for await (const part of engine.run(statement, signal)) {
        if (part.kind === 'columns') {
          this.columns = part.columns;
          continue;
        }
        const limited = this.withinRowLimit(part.batch);
        this.queue.push(limited, (part.arrowBytes * limited.numRows) / part.batch.numRows);
        if (this.received >= (this.request.rowLimit ?? Number.POSITIVE_INFINITY)) break;
        if (this.queue.bytes >= BUFFER_BYTES) this.finish();
        this.waiters.changed();
        await this.waitUntil(() => this.queue.bytes < BUFFER_BYTES || signal.aborted);
        if (signal.aborted) break;
      }
      signal.throwIfAborted();
      this.ended = true;
      this.finish();
    } catch (error) {
      if (!signal.aborted) this.fail(error);
    } finally {
      compute.markActive();
      this.waiters.changed();
    }
  }

  /** The rows of a batch that the row limit leaves, counted as received. */
  private withinRowLimit(batch: RecordBatch): RecordBatch {
    const room = (this.request.rowLimit ?? Number.POSITIVE_INFINITY) - this.received;
    const kept = batch.numRows <= room ? batch : batch.slice(0, room);
    this.received += kept.numRows;
    return kept;
  }

  private async waitUntil(condition: () => boolean, timeoutMs = Number.MAX_SAFE_INTEGER): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition() && Date.now() < deadline) {
      // A wait is cut into minutes so that no timer is ever too long for Node.
      await this.waiters.waitFor(
        () => this,
        () => condition(),
        Math.min(deadline - Date.now(), 60_000),
      );
    }
  }

  private move(state: OperationState): void {
    this.state = state;
    if (state !== 'PENDING' && state !== 'RUNNING') this.endedAt ??= Date.now();
    this.waiters.changed();
  }

  /** The result can be read: its columns are known, and its first rows are here (if it has any). */
  private finish(): void {
    if (this.state !== 'PENDING' && this.state !== 'RUNNING') return;
    if (this.request.arrow) {
      this.encoder = new ArrowResultEncoder(this.columns, this.request.arrow, this.queue.first());
    }
    this.move('FINISHED');
  }

  private fail(error: unknown): void {
    let failure: TcliError;
    if (error instanceof SqlError) failure = new TcliError(error.message, error.sqlState);
    else if (error instanceof TcliError) failure = error;
    else if (error instanceof DatabricksError) failure = new TcliError(error.message);
    else {
      this.deps.log.error({ err: error, operationId: this.handle.id }, 'Statement failed');
      failure = internalFailure();
    }
    if (this.state === 'FINISHED') {
      this.lateFailure = failure;
      this.waiters.changed();
      return;
    }
    this.failure = failure;
    this.move('ERROR');
  }

  status(): OperationStatus {
    return {
      state: this.state,
      startedAt: this.startedAt,
      ...(this.failure && { error: this.failure }),
      ...(this.endedAt !== undefined && { endedAt: this.endedAt }),
    };
  }

  settled(timeoutMs: number): Promise<void> {
    return this.waitUntil(() => this.state !== 'PENDING' && this.state !== 'RUNNING', timeoutMs);
  }

  private requireFinished(): void {
    if (this.state === 'ERROR' && this.failure) throw this.failure;
    if (this.state !== 'FINISHED') throw new TcliError(`Expected state FINISHED, but found ${this.state}`);
  }

  metadata(): ResultMetadata {
    this.requireFinished();
    if (!this.encoder) return { columns: this.columns, format: 'columns' };
    return { columns: this.columns, format: 'arrow', arrowSchema: this.encoder.schemaBytes };
  }

  async fetch({ maxRows, maxBytes, fromStart }: FetchRequest): Promise<ResultPage> {
    this.requireFinished();
    if (fromStart && this.rowOffset > 0) {
      throw new TcliError(
        'A statement result is read once: only FETCH_NEXT is supported after its first rows',
      );
    }
    await this.waitUntil(
      () => this.queue.rows > 0 || this.ended || this.lateFailure !== undefined,
      FETCH_WAIT_MS,
    );
    this.requireFinished();
    if (this.queue.rows === 0 && this.lateFailure) throw this.lateFailure;
    const batches = this.queue.take(maxRows, maxBytes);
    const start = this.rowOffset;
    const rows = batches.reduce((sum, batch) => sum + batch.numRows, 0);
    this.rowOffset += rows;
    this.waiters.changed();
    const hasMoreRows = !(this.ended && this.queue.rows === 0);
    const { encoder } = this;
    if (!encoder) {
      return { rowSet: columnRowSet(this.columns, batchCells(this.columns, batches), start), hasMoreRows };
    }
    const rowSet = new ttypes.TRowSet({
      startRowOffset: new Int64(start),
      rows: [],
      arrowBatches: batches.map(
        (batch) =>
          new ttypes.TSparkArrowBatch({ batch: encoder.encode(batch), rowCount: new Int64(batch.numRows) }),
      ),
    });
    return { rowSet, hasMoreRows };
  }

  /** Stops the statement on Spark if it still runs there; its rows are dropped. */
  private stop(state: 'CANCELED' | 'CLOSED'): void {
    const running = !this.ended && this.state !== 'ERROR';
    this.abort.abort();
    this.queue.clear();
    // A failed statement stays failed when cancelled; a closed one answers nothing more.
    if (this.state !== 'CLOSED' && (state === 'CLOSED' || this.state !== 'ERROR')) this.move(state);
    const { session } = this;
    if (running && session) {
      this.deps.engine
        .interrupt(session, this.handle.id)
        .catch((error: unknown) => this.deps.log.debug({ err: error }, 'Could not interrupt a statement'));
    }
  }

  cancel(): void {
    this.stop('CANCELED');
  }

  close(): void {
    this.stop('CLOSED');
  }
}
