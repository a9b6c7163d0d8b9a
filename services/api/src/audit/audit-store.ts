import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type AuditEvent, type AuditRecord, recordedEvent } from './audit-event.js';
import { type AuditQuery, matchesQuery } from './audit-query.js';

/** How long a write may wait for Redis (reconnecting) before the call it records fails. */
const WRITE_TIMEOUT_MS = 2_000;
const FIELD = 'event';
/** Entries read per XREVRANGE, at least; a filtered page stops after SCAN_LIMIT of them. */
const MIN_BATCH = 100;
const SCAN_LIMIT = 10_000;

const streamKey = (workspaceId: number) =>
  workspaceId === 0 ? 'brickyard:account:audit' : `brickyard:ws:${workspaceId}:audit`;

/**
 * The audit log: a Redis Stream per workspace and one for the account (workspace_id 0), of one
 * JSON record per entry.
 *
 * Why Redis, and why its `appendfsync everysec` is durable enough: Redis appends each write to its
 * AOF (write(2)) before it answers, so an event it acknowledged survives a crash of Redis or of
 * the API; only a crash of the machine itself can lose the last second. The calls these events
 * record are kept no better: a cluster create is accepted into the same Redis, runs and their
 * history live there too. `appendfsync always` would slow every BullMQ write for it, and WAITAOF
 * (a per-write fsync) needs Redis 7.2, newer than the 7.0 the platform installs.
 *
 * The stream's entry id is the record's time: one clock (Redis's) for every API replica, so the
 * order of the log is the order of its ids, and pages and time ranges are ranges of ids. Records
 * older than the retention are trimmed as new ones are added (XADD MINID), and a log nobody
 * writes to for that long expires whole.
 */
export class AuditStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    /** How long events are kept. */
    readonly retentionMs: number,
    log: Logger,
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: WRITE_TIMEOUT_MS });
    this.redis.on('error', (error: unknown) => log.debug({ err: error }, 'Audit log Redis error'));
  }

  /** Waits for Redis to answer. */
  async start(): Promise<void> {
    await this.redis.ping();
  }

  /** False while Redis is not connected: a write would fail. */
  isWritable(): boolean {
    return this.redis.status === 'ready';
  }

  /** Records an event; resolves once Redis has it. */
  async append(record: AuditRecord): Promise<void> {
    const key = streamKey(record.workspace_id);
    const oldest = Date.now() - this.retentionMs;
    const results = await this.redis
      .multi()
      .xadd(key, 'MINID', '~', String(oldest), '*', FIELD, JSON.stringify(record))
      .pexpire(key, this.retentionMs)
      .exec();
    const failed = results?.find(([error]) => error)?.[0];
    if (!results || failed) throw failed ?? new Error('Audit log transaction was discarded');
  }

  /** One page of a log (`workspaceId` 0: the account's), newest first, and where the next starts. */
  async page(workspaceId: number, query: AuditQuery): Promise<{ events: AuditEvent[]; before?: string }> {
    const key = streamKey(workspaceId);
    const batch = Math.max(query.maxResults, MIN_BATCH);
    const events: AuditEvent[] = [];
    let end = query.before ? `(${query.before}` : String(query.endTime ?? '+');
    // Filters apply to what is read: a page ends after SCAN_LIMIT entries, full or not.
    for (let scanned = 0; ; scanned += batch) {
      const entries = await this.redis.xrevrange(key, end, query.startTime, 'COUNT', batch);
      for (const [id, fields] of entries) {
        const event = recordedEvent(JSON.parse(fields[1] ?? '{}') as AuditRecord, Number.parseInt(id, 10));
        if (!matchesQuery(event, query)) continue;
        events.push(event);
        if (events.length === query.maxResults) return { events, before: id };
      }
      const last = entries.at(-1)?.[0];
      if (last === undefined || entries.length < batch) return { events };
      if (scanned + batch >= SCAN_LIMIT) return { events, before: last };
      end = `(${last}`;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}
