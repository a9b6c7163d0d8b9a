import type { THandleIdentifier } from '@databricks/sql/thrift/TCLIService_types.js';
import { handleId, secretMatches } from './handles.js';
import type { Operation } from './operation.js';
import { TcliError } from './tcli-status.js';
import type { SessionOwner, ThriftSession } from './thrift-session.js';

/**
 * The open sessions and operations of this API process, in its memory: a session is served by
 * the process that opened it, and is lost when it restarts (the client is answered "Invalid
 * SessionHandle" and opens a new connection). Limits keep the memory bounded: sessions and
 * operations left open by clients that went away expire, and a session's oldest operations are
 * closed when it opens too many.
 */
export interface RegistryLimits {
  maxSessions: number;
  maxOperationsPerSession: number;
  sessionIdleMs: number;
  operationIdleMs: number;
}

const DEFAULT_LIMITS: RegistryLimits = {
  maxSessions: 1000,
  maxOperationsPerSession: 100,
  sessionIdleMs: 60 * 60_000,
  operationIdleMs: 30 * 60_000,
};

function sameOwner(a: SessionOwner, b: SessionOwner): boolean {
  return a.workspaceId === b.workspaceId && a.userName === b.userName && a.computeKey === b.computeKey;
}

export class SessionRegistry {
  private readonly sessions = new Map<string, ThriftSession>();
  private readonly operations = new Map<string, { session: ThriftSession; operation: Operation }>();

  constructor(
    /** Frees what a closed session holds outside this registry (its Spark sessions). */
    private readonly release: (session: ThriftSession) => void,
    private readonly limits: RegistryLimits = DEFAULT_LIMITS,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  open(session: ThriftSession): void {
    this.sweep(Date.now());
    if (this.sessions.size >= this.limits.maxSessions) {
      throw new TcliError(
        `Too many open sessions (${this.limits.maxSessions}): close the connections that are no longer used`,
      );
    }
    this.sessions.set(session.handle.id, session);
  }

  /** The session of a handle, if `owner` opened it; anything else is an invalid handle. */
  session(identifier: THandleIdentifier | undefined, owner: SessionOwner): ThriftSession {
    const id = handleId(identifier?.guid);
    const session = id === undefined ? undefined : this.sessions.get(id);
    if (!session || !secretMatches(session.handle, identifier?.secret) || !sameOwner(session.owner, owner)) {
      throw new TcliError(`Invalid SessionHandle: SessionHandle [${id ?? 'malformed'}]`, undefined, true);
    }
    session.lastUsed = Date.now();
    return session;
  }

  /** The operation of a handle, if it belongs to a session of `owner`. */
  operation(identifier: THandleIdentifier | undefined, owner: SessionOwner): Operation {
    const id = handleId(identifier?.guid);
    const entry = id === undefined ? undefined : this.operations.get(id);
    if (
      !entry ||
      !secretMatches(entry.operation.handle, identifier?.secret) ||
      !sameOwner(entry.session.owner, owner)
    ) {
      throw new TcliError(`Invalid OperationHandle: OperationHandle [${id ?? 'malformed'}]`, undefined, true);
    }
    const now = Date.now();
    entry.session.lastUsed = now;
    entry.operation.lastUsed = now;
    return entry.operation;
  }

  addOperation(session: ThriftSession, operation: Operation): void {
    while (session.operations.size >= this.limits.maxOperationsPerSession) {
      const oldest = [...session.operations].reduce((a, b) => (a.lastUsed <= b.lastUsed ? a : b));
      this.closeOperation(oldest);
    }
    session.operations.add(operation);
    this.operations.set(operation.handle.id, { session, operation });
  }

  closeOperation(operation: Operation): void {
    const entry = this.operations.get(operation.handle.id);
    this.operations.delete(operation.handle.id);
    entry?.session.operations.delete(operation);
    operation.close();
  }

  closeSession(session: ThriftSession): void {
    for (const operation of [...session.operations]) this.closeOperation(operation);
    this.sessions.delete(session.handle.id);
    this.release(session);
  }

  /** Closes the sessions and operations idle for longer than the limits allow. */
  sweep(now: number): void {
    for (const session of [...this.sessions.values()]) {
      if (now - session.lastUsed > this.limits.sessionIdleMs) {
        this.closeSession(session);
        continue;
      }
      for (const operation of [...session.operations]) {
        if (now - operation.lastUsed > this.limits.operationIdleMs) this.closeOperation(operation);
      }
    }
  }

  closeAll(): void {
    for (const session of [...this.sessions.values()]) this.closeSession(session);
  }
}
