import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { ComputeCallers } from '@brickyard/common/compute-callers';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { WorkspaceContext } from '../auth/caller.js';
import type { Principal } from '../auth/principal.js';
import { DatabricksError, temporarilyUnavailable } from '../errors/databricks-error.js';
import { loadConnectProtos } from '../sql-engine/connect-protos.js';
import { SqlEngine } from '../sql-engine/sql-engine.js';
import type { StatementParameter } from '../sql-engine/sql-parameters.js';
import { type ExecutionRequest, executionOptions } from './execution-options.js';
import type { ResultChunks } from './result-chunks.js';
import { isTerminal, type StatementRecord } from './statement-record.js';
import { type AbortReason, type RunOutcome, runStatement } from './statement-runner.js';
import { StatementKeys, type StatementStore } from './statement-store.js';
import type { WarehouseEngines } from './warehouse-engines.js';

export interface ExecuteRequest extends ExecutionRequest {
  warehouse_id: string;
  statement: string;
  catalog?: string | undefined;
  schema?: string | undefined;
  parameters?: StatementParameter[] | undefined;
  query_tags?: { key: string; value?: string | undefined }[] | undefined;
}

export interface StatementServiceOptions {
  store: StatementStore;
  /** A connection of its own: it subscribes to the cancel channel. */
  subscriber: Redis;
  chunks: ResultChunks;
  /** BRICKYARD_SPARK_CONNECT_PROTOS; statements are refused with 503 without it. */
  connectProtos: string | undefined;
  /** Mints the credentials that make a statement's catalog calls carry its caller's grants. */
  computeCallers: Pick<ComputeCallers, 'mint'>;
  chunkBytes: number;
  resultTtlMs: number;
  log: FastifyBaseLogger;
}

/** How long an API process's heartbeat lasts; a statement of a process silent for longer is failed. */
const HEARTBEAT_TTL_MS = 30_000;
const HEARTBEAT_EVERY_MS = 10_000;
const SWEEP_EVERY_MS = 15_000;
/** How long a cancel on wait timeout waits for the runner to record CANCELED. */
const CANCEL_SETTLE_MS = 5000;
const CLEANUP_BATCH = 100;

const statementNotFound = (id: string) =>
  new DatabricksError(404, 'NOT_FOUND', `The statement ${id} does not exist.`);

/** What `work` settled with within `ms`, or undefined (for a failure too); the timer does not linger. */
async function settledWithin<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  const timer = new AbortController();
  try {
    return await Promise.race([work.catch(() => undefined), delay(ms, undefined, { signal: timer.signal })]);
  } finally {
    timer.abort();
  }
}

/** The client's product from its User-Agent: `databricks-sdk-py` of `databricks-sdk-py/0.62.0 ...`. */
function clientApplication(userAgent: string | undefined): string | undefined {
  return userAgent?.trim().split(/\s+/)[0]?.split('/')[0] || undefined;
}

/**
 * The Statement Execution API's statements: accepted into Redis, run in this process by
 * runStatement, read by any replica. A cancel reaches the process that runs the statement over
 * Redis pub/sub. Every process keeps a heartbeat; statements of a process whose heartbeat is gone
 * (it died) are failed by whichever replica notices first, so none stays RUNNING forever.
 */
export class StatementService {
  readonly runnerId = randomUUID();
  private readonly running = new Map<string, { abort: AbortController; done: Promise<RunOutcome> }>();
  private engine: SqlEngine | undefined;
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: StatementServiceOptions) {}

  get store(): StatementStore {
    return this.options.store;
  }

  get chunks(): ResultChunks {
    return this.options.chunks;
  }

  private engineOrRefuse(): SqlEngine {
    if (this.engine) return this.engine;
    const dir = this.options.connectProtos;
    if (!dir) {
      throw temporarilyUnavailable(
        'The SQL engine is not set up: BRICKYARD_SPARK_CONNECT_PROTOS names no Spark Connect .proto files',
        60,
      );
    }
    try {
      this.engine = new SqlEngine(loadConnectProtos(dir), this.options.computeCallers);
    } catch (error) {
      this.options.log.error({ err: error }, 'Could not load the Spark Connect protocol');
      throw temporarilyUnavailable('The SQL engine cannot load the Spark Connect protocol', 60);
    }
    return this.engine;
  }

  async start(): Promise<void> {
    const { subscriber, log } = this.options;
    await this.heartbeat();
    subscriber.on('message', (_channel: string, id: string) => this.abortLocal(id, 'cancel'));
    await subscriber.subscribe(StatementKeys.cancelChannel);
    const every = (ms: number, work: () => Promise<void>) => {
      const timer = setInterval(() => {
        work().catch((error: unknown) => log.warn({ err: error }, 'Statement housekeeping failed'));
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(HEARTBEAT_EVERY_MS, () => this.heartbeat());
    every(SWEEP_EVERY_MS, () => this.sweep());
    void this.sweep().catch((error: unknown) => log.warn({ err: error }, 'Statement housekeeping failed'));
  }

  /** Stops accepting work: statements still running here are failed (TEMPORARILY_UNAVAILABLE). */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    const done = [...this.running.values()].map((entry) => {
      entry.abort.abort('shutdown' satisfies AbortReason);
      return entry.done.catch(() => undefined);
    });
    await settledWithin(Promise.all(done), CANCEL_SETTLE_MS);
    await this.options.store.dropHeartbeat(this.runnerId).catch(() => undefined);
    for (const redis of [this.options.subscriber, this.options.store.redis]) {
      await redis.quit().catch(() => redis.disconnect());
    }
    this.options.chunks.close();
    this.engine?.close();
  }

  private async heartbeat(): Promise<void> {
    await this.options.store.heartbeat(this.runnerId, HEARTBEAT_TTL_MS);
  }

  private abortLocal(id: string, reason: AbortReason): void {
    this.running.get(id)?.abort.abort(reason);
  }

  /** Fails statements whose process died, and deletes results that expired. */
  private async sweep(): Promise<void> {
    const { store, chunks, log } = this.options;
    const active = await store.getMany(await store.activeIds());
    for (const record of active) await this.failIfOrphaned(record);
    for (const due of await store.claimExpiredResults(Date.now(), CLEANUP_BATCH)) {
      await chunks.deleteAll(due.workspaceId, due.id).catch((error: unknown) => {
        log.warn({ err: error, statementId: due.id }, 'Could not delete expired results');
      });
    }
  }

  /**
   * A statement that no live process runs (its runner stopped heart-beating, or is this process
   * and runs it no more) will never end by itself: it is failed here.
   */
  private async failIfOrphaned(record: StatementRecord): Promise<StatementRecord> {
    if (isTerminal(record.state) || this.running.has(record.statement_id)) return record;
    if (record.runner !== this.runnerId && (await this.options.store.isRunnerAlive(record.runner)))
      return record;
    this.options.log.warn(
      { statementId: record.statement_id, runner: record.runner },
      'Failed an orphaned statement',
    );
    const failed = await this.options.store.update(record.statement_id, (current) =>
      isTerminal(current.state) || current.runner !== record.runner
        ? undefined
        : {
            ...current,
            state: 'FAILED',
            ended_at: Date.now(),
            error: {
              error_code: 'TEMPORARILY_UNAVAILABLE',
              message: `The statement was interrupted while ${current.state}: the API server running it stopped. Run it again.`,
            },
          },
    );
    return failed ?? record;
  }

  /** Accepts a statement for a warehouse of `warehouses`, runs it here, and waits for it as `wait_timeout` says. */
  async execute(
    warehouses: WarehouseEngines,
    workspace: WorkspaceContext,
    principal: Principal,
    request: ExecuteRequest,
    userAgent: string | undefined,
  ): Promise<RunOutcome> {
    const options = executionOptions(request);
    warehouses.check(workspace, principal, request.warehouse_id);
    const engine = this.engineOrRefuse();
    const record: StatementRecord = {
      statement_id: randomUUID(),
      workspace_id: workspace.workspaceId,
      warehouse_id: request.warehouse_id,
      statement: request.statement,
      user_name: principal.userName,
      user_id: principal.userId,
      state: 'PENDING',
      disposition: options.disposition,
      format: options.format,
      runner: this.runnerId,
      created_at: Date.now(),
      ...(request.catalog && { catalog: request.catalog }),
      ...(request.schema && { schema: request.schema }),
      ...(options.rowLimit !== undefined && { row_limit: options.rowLimit }),
      ...(options.byteLimit !== undefined && { byte_limit: options.byteLimit }),
      ...(request.query_tags && {
        query_tags: request.query_tags.map((tag) => ({
          key: tag.key,
          ...(tag.value !== undefined && { value: tag.value }),
        })),
      }),
    };
    const application = clientApplication(userAgent);
    if (application) record.client_application = application;

    // Registered before the record exists, so the sweep never takes it for another process's.
    const abort = new AbortController();
    const created = this.options.store.create(record);
    const done = created
      .then(() =>
        runStatement(
          { ...this.options, engine, warehouses },
          record,
          { workspace, parameters: request.parameters },
          abort.signal,
        ),
      )
      .finally(() => this.running.delete(record.statement_id));
    this.running.set(record.statement_id, { abort, done });
    await created;
    done.catch((error: unknown) => this.options.log.error({ err: error }, 'A statement runner failed'));

    if (options.waitMs === 0) return { record };
    const finished = await settledWithin(done, options.waitMs);
    if (finished) return finished;
    if (options.cancelOnTimeout) {
      await this.cancel(workspace, principal, record.statement_id);
      const settled = await settledWithin(done, CANCEL_SETTLE_MS);
      if (settled) return settled;
    }
    return { record: (await this.options.store.get(record.statement_id))?.record ?? record };
  }

  /** The statement as the caller may see it: theirs, or any of the workspace for an admin. */
  async get(workspace: WorkspaceContext, principal: Principal, id: string): Promise<StatementRecord> {
    const record = (await this.options.store.get(id))?.record;
    if (!record || !this.visibleTo(record, workspace, principal)) throw statementNotFound(id);
    return this.failIfOrphaned(record);
  }

  visibleTo(record: StatementRecord, workspace: WorkspaceContext, principal: Principal): boolean {
    return (
      record.workspace_id === workspace.workspaceId &&
      (principal.isAdmin || record.user_name === principal.userName)
    );
  }

  /**
   * Requests that a statement stop. Answers the same whether it ran, ended or never existed, as
   * Databricks does; the caller polls for the final state.
   */
  async cancel(workspace: WorkspaceContext, principal: Principal, id: string): Promise<void> {
    const { store } = this.options;
    const stored = (await store.get(id))?.record;
    if (!stored || !this.visibleTo(stored, workspace, principal) || isTerminal(stored.state)) return;
    const marked = await store.update(id, (current) =>
      isTerminal(current.state) || current.cancel_requested
        ? undefined
        : { ...current, cancel_requested: true },
    );
    if (!marked || isTerminal(marked.state)) return;
    if (this.running.has(id)) this.abortLocal(id, 'cancel');
    else await store.publishCancel(id);
  }
}
