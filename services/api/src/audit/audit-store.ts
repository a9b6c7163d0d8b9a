import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type AuditEvent, type AuditRecord, recordedEvent } from './audit-event.js';
import { type AuditQuery, matchesQuery } from './audit-query.js';

/** How long a write may wait for Redis (reconnecting) before the call it records fails. */
const WRITE_TIMEOUT_MS = 2_000;
/** Entries read per XREVRANGE, at least; a filtered page stops after SCAN_LIMIT of them. */
const MIN_BATCH = 100;
const SCAN_LIMIT = 10_000;

const streamKey = (workspaceId: number) =>
  workspaceId === 0 ? 'brickyard:account:audit' : `brickyard:ws:${workspaceId}:audit`;

/**
 * Adds ARGV[3..] to the stream KEYS[1], each an entry of one `event` field, trims entries older
 * than the id ARGV[1], and keeps the stream ARGV[2] ms past its newest entry: atomically.
 */
const APPEND = `
for i = 3, #ARGV do
  redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[1], '*', 'event', ARGV[i])
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return #ARGV - 2`;

interface AppendCommand {
  brickyardAuditAppend(
    key: string,
    oldest: number,
    retentionMs: number,
    ...entries: string[]
  ): Promise<number>;
}

/** The events of one stream waiting for the next write, and that write's outcome. */
interface Batch {
  entries: string[];
  written: Promise<void>;
  settle: (error?: unknown) => void;
}

function newBatch(): Batch {
  let settle: Batch['settle'] = () => {};
  const written = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });
  return { entries: [], written, settle };
}

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
  private readonly scripts: AppendCommand;
  /** Events of the current turn of the event loop, by stream: one script call each writes them. */
  private batches = new Map<string, Batch>();

  constructor(
    url: string,
    /** How long events are kept. */
    readonly retentionMs: number,
    log: Logger,
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: WRITE_TIMEOUT_MS });
    this.redis.on('error', (error: unknown) => log.debug({ err: error }, 'Audit log Redis error'));
    this.redis.defineCommand('brickyardAuditAppend', { numberOfKeys: 1, lua: APPEND });
    this.scripts = this.redis as unknown as AppendCommand;
  }

  /** Waits for Redis to answer. */
  async start(): Promise<void> {
    await this.redis.ping();
  }

  /** False while Redis is not connected: a write would fail. */
  isWritable(): boolean {
    return this.redis.status === 'ready';
  }

  /**
   * Records an event; resolves once Redis has it. The events of concurrent calls are written
   * together, once the current turn of the event loop is over: a Redis call per stream, not per
   * event, which is most of what recording costs.
   */
  append(record: AuditRecord): Promise<void> {
    const key = streamKey(record.workspace_id);
    let batch = this.batches.get(key);
    if (!batch) {
      if (this.batches.size === 0) setImmediate(() => this.flush());
      batch = newBatch();
      this.batches.set(key, batch);
    }
    batch.entries.push(JSON.stringify(record));
    return batch.written;
  }

  private flush(): void {
    const batches = this.batches;
    this.batches = new Map();
    const oldest = Date.now() - this.retentionMs;
    for (const [key, batch] of batches) {
      this.scripts.brickyardAuditAppend(key, oldest, this.retentionMs, ...batch.entries).then(
        () => batch.settle(),
        (error: unknown) => batch.settle(error ?? new Error('Audit log write failed')),
      );
    }
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
