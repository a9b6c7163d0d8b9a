import { randomUUID } from 'node:crypto';
import { warehouseClusterId } from '@brickyard/common/warehouse-spec';
import type { ConnectSession } from './connect-client.js';

/**
 * Spark Connect sessions kept between statements. A new session costs its creation on the driver
 * and a round trip per namespace statement (SET CATALOG, USE) before the statement itself, which
 * is most of what a short statement takes; a session whose statements left it as new
 * (session-state.ts) runs the next statement of the same user, compute and namespace instead.
 * A session serves one statement at a time: it is leased, then given back or released.
 */

/** Whom and where a session is for: sessions are shared by statements with equal targets only. */
export interface SessionTarget {
  workspaceId: number;
  /** The compute the statements run on (a warehouse id): its driver may move. */
  compute: string;
  /** Its driver's Spark Connect server, `host:port`. */
  address: string;
  /** The user name of the caller, whose grants the session's catalog calls carry. */
  userId: string;
  catalog?: string | undefined;
  schema?: string | undefined;
}

/** A session leased for one statement. `reused`: it ran statements of its target before. */
export interface SessionLease {
  readonly target: SessionTarget;
  session: ConnectSession;
  reused: boolean;
  /** Whether the session is in the target's catalog and schema (a new one is not, yet). */
  inNamespace: boolean;
}

interface IdleSession {
  session: ConnectSession;
  since: number;
}

/** Idle sessions kept per target: as many as statements of it commonly run at once. */
const MAX_IDLE_PER_TARGET = 8;
/** An idle session is released after this long, well before the driver would expire it (1 hour). */
export const SESSION_IDLE_MS = 5 * 60_000;

function keyOf(target: SessionTarget): string {
  const { compute, address, userId, catalog, schema } = target;
  return JSON.stringify([compute, address, userId, catalog ?? null, schema ?? null]);
}

export class SessionPool {
  private readonly idle = new Map<string, IdleSession[]>();
  /** The driver each compute was last seen on: sessions on a previous one are dropped. */
  private readonly drivers = new Map<string, string>();

  constructor(
    /** Ends a session on its driver (best effort, not awaited). */
    private readonly release: (session: ConnectSession) => void,
    /** Told when no compute uses a driver any more (its gRPC channel can go). */
    private readonly driverGone: (address: string) => void,
    private readonly clock: () => number = Date.now,
  ) {}

  /** An idle session of the target, else a new one (created on the driver by its first call). */
  acquire(target: SessionTarget): SessionLease {
    this.followDriver(target);
    this.expire();
    const key = keyOf(target);
    const idle = this.idle.get(key);
    const found = idle?.pop();
    if (idle?.length === 0) this.idle.delete(key);
    if (found) return { target, session: found.session, reused: true, inNamespace: true };
    return { target, session: newSession(target), reused: false, inNamespace: false };
  }

  /** Gives the lease a new session in place of one the driver no longer has. */
  renew(lease: SessionLease): void {
    lease.session = newSession(lease.target);
    lease.reused = false;
    lease.inNamespace = false;
  }

  /** Keeps the session for the next statement of its target when `reusable`, else releases it. */
  giveBack(lease: SessionLease, reusable: boolean): void {
    const { target, session } = lease;
    const key = keyOf(target);
    const idle = this.idle.get(key) ?? [];
    if (
      !reusable ||
      this.drivers.get(target.compute) !== target.address ||
      idle.length >= MAX_IDLE_PER_TARGET
    ) {
      this.release(session);
      return;
    }
    idle.push({ session, since: this.clock() });
    this.idle.set(key, idle);
  }

  /** Releases sessions idle for longer than SESSION_IDLE_MS. */
  expire(): void {
    const oldest = this.clock() - SESSION_IDLE_MS;
    this.dropWhere((_key, idle) => idle.since < oldest);
  }

  /** Releases every idle session. */
  close(): void {
    this.dropWhere(() => true);
    this.drivers.clear();
  }

  /** A compute on another driver than before: the sessions on the old one are of no use. */
  private followDriver(target: SessionTarget): void {
    const previous = this.drivers.get(target.compute);
    if (previous === target.address) return;
    this.drivers.set(target.compute, target.address);
    if (previous === undefined) return;
    this.dropWhere((key) => {
      const [compute, address] = JSON.parse(key) as [string, string];
      return compute === target.compute && address === previous;
    });
    if (![...this.drivers.values()].includes(previous)) this.driverGone(previous);
  }

  private dropWhere(drop: (key: string, idle: IdleSession) => boolean): void {
    for (const [key, idle] of this.idle) {
      const kept = idle.filter((entry) => {
        if (!drop(key, entry)) return true;
        this.release(entry.session);
        return false;
      });
      if (kept.length === 0) this.idle.delete(key);
      else this.idle.set(key, kept);
    }
  }
}

function newSession(target: SessionTarget): ConnectSession {
  // `observed`: the driver's own id of the session is checked on every call after the first, so a
  // driver that restarted on the same address refuses the session rather than making a new one.
  const { workspaceId, compute, address, userId } = target;
  return {
    address,
    sessionId: randomUUID(),
    userId,
    observed: {},
    caller: { workspaceId, clusterId: warehouseClusterId(compute), userName: userId },
  };
}
