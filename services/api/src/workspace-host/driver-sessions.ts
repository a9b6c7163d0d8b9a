import { type ClientHttp2Session, connect } from 'node:http2';
import { createConnection } from 'node:net';
import type { Logger } from 'pino';

/**
 * Flow-control windows of the connections to drivers: Arrow batches of a large toPandas() flow
 * without waiting for window updates every 64 KiB (HTTP/2's default).
 */
const WINDOW_BYTES = 8 * 1024 * 1024;
/**
 * The largest DATA frame a driver may send: fewer, larger chunks cost the relay less per byte
 * than HTTP/2's default of 16 KiB.
 */
const MAX_FRAME_BYTES = 1024 * 1024;

/** One HTTP/2 connection per driver endpoint, shared by every call to it and made again once it ends. */
export class DriverSessions {
  private readonly sessions = new Map<string, ClientHttp2Session>();

  constructor(private readonly log: Logger) {}

  /** `origin` is `http://<driver address>:<port>`. */
  get(origin: string): ClientHttp2Session {
    const open = this.sessions.get(origin);
    if (open && !open.closed && !open.destroyed) return open;
    const { hostname, port } = new URL(origin);
    const session = connect(origin, {
      settings: { initialWindowSize: WINDOW_BYTES, maxFrameSize: MAX_FRAME_BYTES },
      // Small calls go out at once rather than waiting on Nagle's algorithm.
      createConnection: () => createConnection({ host: hostname, port: Number(port), noDelay: true }),
    });
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
