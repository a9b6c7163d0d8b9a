import type { ComputeCallers } from '@brickyard/common/compute-callers';
import type { FastifyBaseLogger } from 'fastify';
import { loadConnectProtos } from '../sql-engine/connect-protos.js';
import { SqlEngine } from '../sql-engine/sql-engine.js';
import { SessionRegistry } from './session-registry.js';
import { TcliError } from './tcli-status.js';

/** How often idle sessions and operations are looked for. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The SQL connectors' endpoint of one API process: its sessions, and the SQL engine their
 * statements run on (loaded on first use from BRICKYARD_SPARK_CONNECT_PROTOS, as the Statement
 * Execution API loads its own).
 */
export class SqlEndpoint {
  readonly sessions = new SessionRegistry((session) => session.release(this.engine));
  private engine: SqlEngine | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectProtos: string | undefined,
    /** Mints the credentials that make a warehouse session's catalog calls carry its caller's grants. */
    private readonly computeCallers: Pick<ComputeCallers, 'mint'>,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** The engine, or the error a statement is answered with when there is none. */
  sqlEngine(): SqlEngine {
    if (this.engine) return this.engine;
    if (!this.connectProtos) {
      throw new TcliError(
        'The SQL engine is not set up: BRICKYARD_SPARK_CONNECT_PROTOS names no Spark Connect .proto files',
      );
    }
    try {
      this.engine = new SqlEngine(loadConnectProtos(this.connectProtos), this.computeCallers);
    } catch (error) {
      this.log.error({ err: error }, 'Could not load the Spark Connect protocol');
      throw new TcliError('The SQL engine cannot load the Spark Connect protocol');
    }
    return this.engine;
  }

  start(): void {
    this.timer = setInterval(() => this.sessions.sweep(Date.now()), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  /** Closes every session (their statements stop on Spark) and the engine's channels. */
  stop(): void {
    clearInterval(this.timer);
    this.sessions.closeAll();
    this.engine?.close();
  }
}
