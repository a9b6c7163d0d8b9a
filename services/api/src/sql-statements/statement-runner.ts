import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { WorkspaceContext } from '../auth/caller.js';
import { columnInfo } from '../sql-engine/column-info.js';
import { type ResultColumn, type ResultWriter, resultWriter } from '../sql-engine/result-format.js';
import type { SessionLease } from '../sql-engine/session-pool.js';
import type { LeasedStatement, SqlEngine } from '../sql-engine/sql-engine.js';
import { SqlError } from '../sql-engine/sql-error.js';
import type { StatementParameter } from '../sql-engine/sql-parameters.js';
import { ChunkBuilder, type FinishedChunk, INLINE_LIMIT_BYTES } from './chunk-builder.js';
import type { ResultChunks } from './result-chunks.js';
import type { ResultManifest, StatementRecord } from './statement-record.js';
import type { StatementStore } from './statement-store.js';
import type { WarehouseEngines } from './warehouse-engines.js';

/** Why a runner was stopped before its statement ended. */
export type AbortReason = 'cancel' | 'shutdown';

export interface RunnerDeps {
  store: StatementStore;
  chunks: ResultChunks;
  engine: SqlEngine;
  warehouses: WarehouseEngines;
  chunkBytes: number;
  resultTtlMs: number;
  log: FastifyBaseLogger;
}

export interface RunInput {
  workspace: WorkspaceContext;
  parameters?: readonly StatementParameter[] | undefined;
}

export interface RunOutcome {
  /** The statement as the runner left it (terminal, unless the store was gone). */
  record: StatementRecord;
  /** The first chunk of an INLINE result, kept so the waiting request need not read it back. */
  firstChunk?: Buffer;
}

/** What failed a statement, as its status shows it. */
function failure(
  error: unknown,
  reason: AbortReason | undefined,
): Pick<StatementRecord, 'error' | 'sql_state'> {
  if (reason === 'shutdown') {
    return {
      error: {
        error_code: 'TEMPORARILY_UNAVAILABLE',
        message: 'The statement was interrupted: the API server running it stopped. Run it again.',
      },
    };
  }
  if (error instanceof SqlError) {
    return {
      error: { error_code: error.errorCode, message: error.message },
      ...(error.sqlState && { sql_state: error.sqlState }),
    };
  }
  return {
    error: {
      error_code: 'INTERNAL_ERROR',
      message: 'The statement failed: internal error of the SQL engine',
    },
  };
}

/** Chunks in the object store so far (deleted again if the statement fails), and the first one of INLINE. */
interface Progress {
  storedChunks: number;
  firstChunk?: Buffer;
}

function schemaOf(columns: readonly ResultColumn[]): ResultManifest['schema'] {
  if (columns.length === 0) return { column_count: 0 };
  return {
    column_count: columns.length,
    columns: columns.map((column, position) => columnInfo(column.name, position, column.type)),
  };
}

/**
 * Streams the statement's result from the engine into chunks in the object store, and answers
 * its manifest. Leaving the loop early (a limit reached) ends the call on the driver.
 */
async function writeResult(
  deps: RunnerDeps,
  record: StatementRecord,
  lease: SessionLease,
  statement: LeasedStatement,
  signal: AbortSignal,
  progress: Progress,
): Promise<ResultManifest> {
  let builder: ChunkBuilder | undefined;
  let writer: ResultWriter | undefined;
  let schema: ResultManifest['schema'] = { column_count: 0 };
  const keep = async (finished: FinishedChunk[]) => {
    for (const { info, body } of finished) {
      if (info.chunk_index === 0 && record.disposition === 'INLINE') progress.firstChunk = body;
      const place = await deps.chunks.put(
        record.workspace_id,
        record.statement_id,
        info.chunk_index,
        record.format,
        body,
        record.disposition === 'INLINE',
      );
      if (place === 'object-store') progress.storedChunks += 1;
    }
  };
  for await (const part of deps.engine.runLeased(lease, statement, signal)) {
    if (part.kind === 'columns') {
      writer = resultWriter(record.format, part.columns);
      schema = schemaOf(part.columns);
      const inlineCap = record.disposition === 'INLINE' && record.byte_limit === undefined;
      builder = new ChunkBuilder(writer, {
        targetBytes: deps.chunkBytes,
        rowLimit: record.row_limit,
        byteLimit: record.byte_limit,
        failAboveBytes: inlineCap ? INLINE_LIMIT_BYTES : undefined,
      });
    } else if (builder && writer) {
      await keep(builder.add(writer.format(part.batch, part.arrowBytes)));
      if (builder.truncated) break;
    }
  }
  signal.throwIfAborted();
  if (builder) await keep(builder.finish());
  const infos = builder?.chunkInfos ?? [];
  return {
    format: record.format,
    schema,
    total_row_count: builder?.totalRows ?? 0,
    total_chunk_count: infos.length,
    total_byte_count: infos.reduce((sum, info) => sum + info.byte_count, 0),
    chunks: [...infos],
    truncated: builder?.truncated ?? false,
  };
}

/** PENDING to RUNNING, unless a cancel was recorded meanwhile (then CANCELED) or it already ended. */
function startRunning(store: StatementStore, id: string, sessionId: string) {
  return store.update(id, (current) => {
    if (current.state !== 'PENDING') return undefined;
    if (current.cancel_requested) return { ...current, state: 'CANCELED', ended_at: Date.now() };
    return { ...current, state: 'RUNNING', started_at: Date.now(), spark_session_id: sessionId };
  });
}

/** Ends a statement that did not succeed: CANCELED when a cancel stopped it, else FAILED. */
async function endUnsuccessfully(
  deps: RunnerDeps,
  record: StatementRecord,
  error: unknown,
  reason: AbortReason | undefined,
  progress: Progress,
): Promise<StatementRecord> {
  const { store, log } = deps;
  const id = record.statement_id;
  if (reason === undefined && !(error instanceof SqlError)) {
    log.error({ err: error, statementId: id }, 'Statement failed');
  }
  if (progress.storedChunks > 0) {
    await deps.chunks
      .deleteAll(record.workspace_id, id)
      .catch((cause: unknown) => log.warn({ err: cause, statementId: id }, 'Could not delete chunks'));
  }
  const ended = await store.update(id, (current) => {
    if (current.state !== 'PENDING' && current.state !== 'RUNNING') return undefined;
    const endedAt = Date.now();
    if (reason === 'cancel' || current.cancel_requested)
      return { ...current, state: 'CANCELED', ended_at: endedAt };
    return { ...current, state: 'FAILED', ended_at: endedAt, ...failure(error, reason) };
  });
  return ended ?? record;
}

/**
 * Runs one statement to its end: reaches the warehouse, runs the SQL in a Spark session of the
 * engine's pool (one that ran only statements which left it as new, or a new one), cuts the
 * result into chunks stored as it streams, and records every step (PENDING -> RUNNING ->
 * SUCCEEDED | FAILED | CANCELED) in the statement store. A cancel or a shutdown aborts `signal`
 * with its reason; a cancel recorded by another process is honoured when the statement starts.
 */
export async function runStatement(
  deps: RunnerDeps,
  record: StatementRecord,
  input: RunInput,
  signal: AbortSignal,
): Promise<RunOutcome> {
  const { store, engine } = deps;
  const id = record.statement_id;
  let lease: SessionLease | undefined;
  /** Whether the statement ran in the session: a session it never reached is as good as before. */
  let ran = false;
  let succeeded = false;
  const progress: Progress = { storedChunks: 0 };
  try {
    const address = await deps.warehouses.driverOf(input.workspace, record.warehouse_id, signal);
    signal.throwIfAborted();
    lease = engine.sessions.acquire({
      workspaceId: record.workspace_id,
      compute: record.warehouse_id,
      address,
      userId: record.user_name,
      catalog: record.catalog,
      schema: record.schema,
    });
    const running = await startRunning(store, id, lease.session.sessionId);
    if (running?.state !== 'RUNNING') return { record: running ?? record };
    ran = true;
    const manifest = await writeResult(
      deps,
      record,
      lease,
      { operationId: randomUUID(), sql: record.statement, parameters: input.parameters },
      signal,
      progress,
    );
    const endedAt = Date.now();
    const expiresAt = endedAt + deps.resultTtlMs;
    if (progress.storedChunks > 0) await store.scheduleResultCleanup(record.workspace_id, id, expiresAt);
    const ended = await store.update(id, (current) =>
      current.state === 'RUNNING'
        ? { ...current, state: 'SUCCEEDED', ended_at: endedAt, results_expire_at: expiresAt, manifest }
        : undefined,
    );
    succeeded = ended?.state === 'SUCCEEDED';
    return { record: ended ?? record, ...(progress.firstChunk && { firstChunk: progress.firstChunk }) };
  } catch (error) {
    const reason = signal.aborted ? (signal.reason as AbortReason) : undefined;
    return { record: await endUnsuccessfully(deps, record, error, reason, progress) };
  } finally {
    deps.warehouses.markActive(record.warehouse_id);
    // A failed or stopped statement may have left anything behind in its session: it goes.
    if (lease && !ran) engine.sessions.giveBack(lease, true);
    else if (lease) engine.giveBack(lease, record.statement, succeeded);
  }
}
