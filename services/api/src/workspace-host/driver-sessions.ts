import { type ClientHttp2Session, connect } from 'node:http2';
import type { Logger } from 'pino';

/**
 * Flow-control windows of the connections to drivers: Arrow batches of a large toPandas() flow
 * without waiting for window updates every 64 KiB (HTTP/2's default).
 */
const WINDOW_BYTES = 8 * 1024 * 1024;

/** One HTTP/2 connection per driver endpoint, shared by every call to it and made again once it ends. */
export class DriverSessions {
  private readonly sessions = new Map<string, ClientHttp2Session>();

  constructor(private readonly log: Logger) {}

  /** `origin` is `http://<driver address>:<port>`. */
  get(origin: string): ClientHttp2Session {
    const open = this.sessions.get(origin);
    if (open && !open.closed && !open.destroyed) return open;
    const session = connect(origin, { settings: { initialWindowSize: WINDOW_BYTES } });
    session.on('connect', () => session.setLocalWindowSize(WINDOW_BYTES));
    session.on('error', (error) => this.log.debug({ err: error, origin }, 'Connection to a driver failed'));
    session.on('close', () => {
      if (this.sessions.get(origin) === session) this.sessions.delete(origin);
    });
    this.sessions.set(origin, session);
    return session;
  }

  closeAll(): void {
    for (const session of this.sessions.values()) session.destroy();
    this.sessions.clear();
  }
}
