import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { ConnectSession } from '../sql-engine/connect-client.js';
import type { SqlEngine } from '../sql-engine/sql-engine.js';
import { type HandleIdentifier, newHandleIdentifier } from './handles.js';
import type { Operation } from './operation.js';
import { setStatement } from './session-conf.js';

/** Who may use a session: the user who opened it, in its workspace, on the HTTP path it was opened on. */
export interface SessionOwner {
  workspaceId: number;
  userName: string;
  computeKey: string;
}

export interface SessionSettings {
  /** The initial namespace of OpenSession. */
  catalog?: string | undefined;
  schema?: string | undefined;
  /** Spark settings from the session configuration (session-conf.ts). */
  sparkSettings: [string, string][];
  /** SqlCompute.callerCluster: set on a warehouse, whose catalog calls carry the owner's grants. */
  callerCluster?: string | undefined;
}

/** How long applying a session's namespace and settings to a new Spark session may take. */
const PREPARE_TIMEOUT_MS = 60_000;

/**
 * A Thrift session: one Spark Connect session on the compute's driver, with the session's id, so
 * that what a statement changes (USE, SET, temporary views) holds for the next ones, as in a
 * Databricks session. On a driver it has not used yet (the first statement, or a warehouse that
 * restarted) its namespace and settings are applied first.
 */
export class ThriftSession {
  readonly handle: HandleIdentifier = newHandleIdentifier();
  readonly operations = new Set<Operation>();
  lastUsed = Date.now();
  private readonly sparkSessions = new Map<string, Promise<ConnectSession>>();

  constructor(
    readonly owner: SessionOwner,
    private readonly settings: SessionSettings,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** This session's Spark session on the driver at `address`, prepared once. */
  sparkSession(engine: SqlEngine, address: string): Promise<ConnectSession> {
    let prepared = this.sparkSessions.get(address);
    if (!prepared) {
      const preparing = this.prepare(engine, address);
      // A failed preparation is tried again by the next statement.
      preparing.catch(() => {
        if (this.sparkSessions.get(address) === preparing) this.sparkSessions.delete(address);
      });
      this.sparkSessions.set(address, preparing);
      prepared = preparing;
    }
    return prepared;
  }

  private async prepare(engine: SqlEngine, address: string): Promise<ConnectSession> {
    const { workspaceId, userName } = this.owner;
    const { catalog, schema, sparkSettings, callerCluster } = this.settings;
    const session: ConnectSession = {
      address,
      sessionId: this.handle.id,
      userId: userName,
      ...(callerCluster && { caller: { workspaceId, clusterId: callerCluster, userName } }),
    };
    const signal = AbortSignal.timeout(PREPARE_TIMEOUT_MS);
    for (const [key, value] of sparkSettings) {
      const sql = setStatement(key, value);
      for await (const _part of engine.run({ session, operationId: randomUUID(), sql }, signal)) {
        // A SET answers nothing worth reading.
      }
    }
    await engine.enterNamespace(session, { catalog, schema }, signal);
    return session;
  }

  /** Ends its Spark sessions (and what runs in them) on every driver it used. */
  release(engine: SqlEngine | undefined): void {
    if (!engine) return;
    for (const prepared of this.sparkSessions.values()) {
      prepared
        .then((session) => engine.releaseSession(session))
        .catch((error: unknown) => this.log.debug({ err: error }, 'Could not release a Spark session'));
    }
    this.sparkSessions.clear();
  }
}
