import { randomUUID } from 'node:crypto';
import { COMPUTE_CALLER_SETTING, type ComputeCallers } from '@brickyard/common/compute-callers';
import { type RecordBatch, tableFromIPC } from 'apache-arrow';
import { sqlTypeOfArrow } from './arrow-sql-type.js';
import {
  type ConnectSession,
  type ExecuteEvent,
  SparkConnectClient,
  type SqlCall,
} from './connect-client.js';
import { sqlErrorOfCall } from './connect-error.js';
import type { ConnectProtos } from './connect-protos.js';
import { substituteMarkers } from './marker-substitution.js';
import type { ResultColumn } from './result-format.js';
import { type SessionLease, SessionPool } from './session-pool.js';
import { leavesSessionUnchanged } from './session-state.js';
import { SqlError } from './sql-error.js';
import { bindParameters, type StatementParameter } from './sql-parameters.js';
import { type DataTypeMessage, sqlTypeOf } from './sql-type.js';

/** A SQL statement to run on a driver's Spark Connect server, in a Spark session of its own. */
export interface SqlStatement {
  session: ConnectSession;
  operationId: string;
  sql: string;
  parameters?: readonly StatementParameter[] | undefined;
  /** Default catalog and schema of the session (USE CATALOG, USE SCHEMA). */
  catalog?: string | undefined;
  schema?: string | undefined;
}

/** A statement to run in a leased session (runLeased), which has or gets its target's namespace. */
export interface LeasedStatement {
  operationId: string;
  sql: string;
  parameters?: readonly StatementParameter[] | undefined;
}

/** What a running statement produces: its columns once, then its rows batch by batch. */
export type ResultPart =
  | { kind: 'columns'; columns: ResultColumn[] }
  | { kind: 'batch'; batch: RecordBatch; arrowBytes: number };

function quoteIdentifier(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** Columns from the schema Spark sends (a STRUCT), else from the Arrow schema of the first batch. */
function columnsOf(schema: DataTypeMessage | undefined, batch: RecordBatch | undefined): ResultColumn[] {
  const type = schema ? sqlTypeOf(schema) : undefined;
  if (type?.kind === 'struct') return type.fields.map((field) => ({ name: field.name, type: field.type }));
  return (batch?.schema.fields ?? []).map((field) => ({
    name: field.name,
    type: sqlTypeOfArrow(field.type),
  }));
}

/** The driver no longer has the session: it restarted, or expired or released the session. */
function isStaleSession(error: unknown): boolean {
  return error instanceof SqlError && (error.errorClass?.startsWith('INVALID_HANDLE.') ?? false);
}

/**
 * Runs SQL statements on Spark Connect: the engine behind the Statement Execution API and the SQL
 * connectors' endpoint. Failures are thrown as SqlError. `run` takes the caller's session, which
 * the caller releases; `runLeased` a session of the pool (`sessions`), given back by `giveBack`.
 */
export class SqlEngine {
  private readonly client: SparkConnectClient;
  readonly sessions: SessionPool;
  private readonly expiry: NodeJS.Timeout;
  /** Sessions whose caller is introduced (or being introduced) to them. */
  private readonly introduced = new WeakMap<ConnectSession, Promise<void>>();

  constructor(
    private readonly protos: ConnectProtos,
    /** Mints the credentials of sessions that have a caller (those on SQL warehouses). */
    private readonly callers?: Pick<ComputeCallers, 'mint'>,
  ) {
    this.client = new SparkConnectClient(protos);
    this.sessions = new SessionPool(
      (session) => void this.releaseSession(session).catch(() => undefined),
      (address) => this.client.closeChannel(address),
    );
    this.expiry = setInterval(() => this.sessions.expire(), 60_000);
    this.expiry.unref();
  }

  private async *events(statement: SqlStatement, signal?: AbortSignal): AsyncGenerator<ExecuteEvent> {
    const { session, operationId } = statement;
    try {
      const sql = substituteMarkers(statement.sql, bindParameters(statement.parameters ?? []));
      // The session's namespace first, in the session the statement runs in.
      await this.enterNamespace(session, statement, signal);
      yield* this.execute({ session, operationId, sql }, signal);
    } catch (error) {
      if (error instanceof SqlError) throw error;
      throw sqlErrorOfCall(error, this.protos);
    }
  }

  /**
   * Makes a catalog and schema the session's current ones. A schema that does not exist (yet) is
   * no error, as on Databricks: dbt opens its sessions in the schema it is about to create.
   * Answers false when the session was left outside that schema for this reason.
   */
  async enterNamespace(
    session: ConnectSession,
    { catalog, schema }: { catalog?: string | undefined; schema?: string | undefined },
    signal?: AbortSignal,
  ): Promise<boolean> {
    try {
      if (catalog) await this.drain(session, `SET CATALOG ${quoteIdentifier(catalog)}`, signal);
      if (schema) await this.drain(session, `USE ${quoteIdentifier(schema)}`, signal);
      return true;
    } catch (error) {
      const refused = error instanceof SqlError ? error : sqlErrorOfCall(error, this.protos);
      if (refused.errorClass !== 'SCHEMA_NOT_FOUND') throw refused;
      return false;
    }
  }

  private async drain(session: ConnectSession, sql: string, signal?: AbortSignal) {
    for await (const _event of this.execute({ session, operationId: randomUUID(), sql }, signal)) {
      // A USE answers no rows worth reading.
    }
  }

  /** Every call of a statement goes here: a session's caller is introduced before its first. */
  private async *execute(call: SqlCall, signal?: AbortSignal): AsyncGenerator<ExecuteEvent> {
    await this.introduce(call.session);
    yield* this.client.execute(call, signal);
  }

  /**
   * Sets a new session's compute caller credential (common compute-callers) before anything runs in
   * it, so its catalog calls carry the caller's grants from the first. Once per session; a failed
   * attempt is made again by the session's next call.
   */
  private introduce(session: ConnectSession): Promise<void> {
    const { caller } = session;
    if (!caller) return Promise.resolve();
    let introducing = this.introduced.get(session);
    if (!introducing) {
      const { callers } = this;
      if (!callers) throw new SqlError('This SQL engine cannot run statements as their caller');
      introducing = callers
        .mint(caller)
        .then((credential) => this.client.setConfig(session, { [COMPUTE_CALLER_SETTING]: credential }));
      const attempt = introducing;
      attempt.catch(() => {
        if (this.introduced.get(session) === attempt) this.introduced.delete(session);
      });
      this.introduced.set(session, attempt);
    }
    return introducing;
  }

  /** The statement's columns, then its batches; stopping early ends the call on the driver. */
  async *run(statement: SqlStatement, signal?: AbortSignal): AsyncGenerator<ResultPart> {
    let schema: DataTypeMessage | undefined;
    let columnsSent = false;
    for await (const event of this.events(statement, signal)) {
      if (event.kind === 'schema') {
        schema = event.dataType;
        continue;
      }
      const table = tableFromIPC(event.data);
      if (!columnsSent) {
        columnsSent = true;
        yield { kind: 'columns', columns: columnsOf(schema, table.batches[0]) };
      }
      const perBatch = table.batches.length > 0 ? event.data.byteLength / table.batches.length : 0;
      for (const batch of table.batches) {
        if (batch.numRows > 0) yield { kind: 'batch', batch, arrowBytes: perBatch };
      }
    }
    if (!columnsSent) yield { kind: 'columns', columns: columnsOf(schema, undefined) };
  }

  /** The statement in the lease's session, which enters the target's namespace first when new. */
  private async *runInLease(
    lease: SessionLease,
    call: LeasedStatement,
    signal?: AbortSignal,
  ): AsyncGenerator<ResultPart> {
    if (!lease.inNamespace)
      lease.inNamespace = await this.enterNamespace(lease.session, lease.target, signal);
    yield* this.run({ ...call, session: lease.session }, signal);
  }

  /**
   * Runs a statement in a leased session. A reused session the driver no longer has is replaced
   * by a new one before anything ran.
   */
  async *runLeased(
    lease: SessionLease,
    call: LeasedStatement,
    signal?: AbortSignal,
  ): AsyncGenerator<ResultPart> {
    let produced = false;
    try {
      for await (const part of this.runInLease(lease, call, signal)) {
        produced = true;
        yield part;
      }
    } catch (error) {
      if (produced || !lease.reused || !isStaleSession(error)) throw error;
      this.sessions.renew(lease);
      yield* this.runInLease(lease, call, signal);
    }
  }

  /**
   * Ends a statement's lease: its session serves the next statement when it is in the target's
   * namespace and `sql` left it as new.
   */
  giveBack(lease: SessionLease, sql: string, succeeded: boolean): void {
    this.sessions.giveBack(lease, succeeded && lease.inNamespace && leavesSessionUnchanged(sql));
  }

  interrupt(session: ConnectSession, operationId: string): Promise<void> {
    return this.client.interrupt(session, operationId);
  }

  releaseSession(session: ConnectSession): Promise<void> {
    return this.client.releaseSession(session);
  }

  close(): void {
    clearInterval(this.expiry);
    this.sessions.close();
    this.client.close();
  }
}
