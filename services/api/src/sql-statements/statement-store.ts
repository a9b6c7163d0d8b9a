import type { Redis } from 'ioredis';
import { temporarilyUnavailable } from '../errors/databricks-error.js';
import { isTerminal, type StatementRecord } from './statement-record.js';

/*
 * Statements live in Redis: they are many, short-lived and change often, and every API replica
 * must read the ones another replica runs.
 *
 *   brickyard:sql-statement:<id>        HASH   doc: StatementRecord as JSON, version: bumped on
 *                                              every write; expires with the history (historyTtlMs)
 *   brickyard:ws:<ws>:sql-history       ZSET   statement ids of the workspace by creation time
 *                                              (the query history), trimmed to historyTtlMs
 *   brickyard:sql-statements:active     ZSET   statements not yet ended, by creation time: what the
 *                                              liveness sweep looks at
 *   brickyard:sql-statements:results    ZSET   "<ws>:<id>" of statements with result objects, by
 *                                              the time those expire: what the cleanup deletes
 *   brickyard:sql-result:<id>:<index>   STRING a small INLINE result chunk (result-chunks.ts), kept
 *                                              here rather than in the object store; expires with
 *                                              the results
 *   brickyard:sql-runner:<runner id>    STRING heartbeat of an API process that runs statements
 *   channel brickyard:sql-statements:cancel   PUBLISH <id>: the process running it cancels it
 *
 * A document is only replaced by compare-and-set on `version` (REPLACE), so a cancel and a runner
 * finishing never overwrite each other: one of them reads again and sees the other's write.
 */

export const StatementKeys = {
  statement: (id: string) => `brickyard:sql-statement:${id}`,
  history: (workspaceId: number) => `brickyard:ws:${workspaceId}:sql-history`,
  active: 'brickyard:sql-statements:active',
  results: 'brickyard:sql-statements:results',
  resultChunk: (id: string, index: number) => `brickyard:sql-result:${id}:${index}`,
  runner: (runnerId: string) => `brickyard:sql-runner:${runnerId}`,
  cancelChannel: 'brickyard:sql-statements:cancel',
} as const;

/**
 * KEYS: 1 statement hash, 2 active zset. ARGV: 1 expected version, 2 document, 3 id, 4 '1' when
 * the statement is now terminal. Returns 1 when written, 0 on a conflict, -1 when it is gone.
 */
const REPLACE = `
local version = redis.call('HGET', KEYS[1], 'version')
if not version then return -1 end
if version ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'doc', ARGV[2], 'version', tostring(tonumber(version) + 1))
if ARGV[4] == '1' then redis.call('ZREM', KEYS[2], ARGV[3]) end
return 1
`;

interface ScriptCommands {
  brickyardReplaceStatement(...args: string[]): Promise<number>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_CONFLICTS = 20;

export interface StoredStatement {
  record: StatementRecord;
  version: string;
}

/** An id and its creation time in the query history. */
export interface HistoryEntry {
  id: string;
  createdAt: number;
}

function parse(
  doc: string | null | undefined,
  version: string | null | undefined,
): StoredStatement | undefined {
  if (!doc || !version) return undefined;
  return { record: JSON.parse(doc) as StatementRecord, version };
}

export class StatementStore {
  private readonly scripts: ScriptCommands;

  constructor(
    readonly redis: Redis,
    private readonly historyTtlMs: number,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    redis.defineCommand('brickyardReplaceStatement', { numberOfKeys: 2, lua: REPLACE });
    this.scripts = redis as unknown as ScriptCommands;
  }

  /** Fails a Redis call that takes too long with 503, rather than holding the request forever. */
  private async deadline<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(temporarilyUnavailable('The statement store (Redis) is not answering; retry')),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async create(record: StatementRecord): Promise<void> {
    const key = StatementKeys.statement(record.statement_id);
    const history = StatementKeys.history(record.workspace_id);
    await this.deadline(
      this.redis
        .multi()
        .hset(key, 'doc', JSON.stringify(record), 'version', '1')
        .pexpire(key, this.historyTtlMs)
        .zadd(history, record.created_at, record.statement_id)
        .zremrangebyscore(history, '-inf', `(${record.created_at - this.historyTtlMs}`)
        .zadd(StatementKeys.active, record.created_at, record.statement_id)
        .exec(),
    );
  }

  async get(id: string): Promise<StoredStatement | undefined> {
    const [doc, version] = await this.deadline(
      this.redis.hmget(StatementKeys.statement(id), 'doc', 'version'),
    );
    return parse(doc, version);
  }

  /** Statements by id, in the order given, skipping those that expired. */
  async getMany(ids: readonly string[]): Promise<StatementRecord[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hmget(StatementKeys.statement(id), 'doc', 'version');
    const results = (await this.deadline(pipeline.exec())) ?? [];
    return results.flatMap(([error, fields]) => {
      const [doc, version] = (fields ?? []) as (string | null)[];
      const stored = error ? undefined : parse(doc, version);
      return stored ? [stored.record] : [];
    });
  }

  /**
   * Applies `change` to the current document until the write lands. `change` returns undefined
   * to leave the statement as it is. Answers the statement as written (or as found).
   */
  async update(
    id: string,
    change: (record: StatementRecord) => StatementRecord | undefined,
  ): Promise<StatementRecord | undefined> {
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
      const stored = await this.get(id);
      if (!stored) return undefined;
      const next = change(stored.record);
      if (!next) return stored.record;
      const written = await this.deadline(
        this.scripts.brickyardReplaceStatement(
          StatementKeys.statement(id),
          StatementKeys.active,
          stored.version,
          JSON.stringify(next),
          id,
          isTerminal(next.state) ? '1' : '0',
        ),
      );
      if (written === 1) return next;
      if (written === -1) return undefined;
    }
    throw temporarilyUnavailable(`Statement ${id} keeps changing; retry`);
  }

  /** Newest first, from `before` (exclusive) on: a page of the query history before filtering. */
  async historyPage(workspaceId: number, count: number, before?: HistoryEntry): Promise<HistoryEntry[]> {
    const max = before ? String(before.createdAt) : '+inf';
    // Entries created at the same millisecond as `before` come back too; those up to it are skipped.
    const flat = await this.deadline(
      this.redis.zrevrangebyscore(
        StatementKeys.history(workspaceId),
        max,
        '-inf',
        'WITHSCORES',
        'LIMIT',
        0,
        count + 50,
      ),
    );
    const entries: HistoryEntry[] = [];
    for (let index = 0; index < flat.length; index += 2) {
      const entry = { id: flat[index] as string, createdAt: Number(flat[index + 1]) };
      if (before && entry.createdAt === before.createdAt && entry.id >= before.id) continue;
      entries.push(entry);
    }
    return entries.slice(0, count);
  }

  async activeIds(): Promise<string[]> {
    return this.deadline(this.redis.zrange(StatementKeys.active, 0, -1));
  }

  async scheduleResultCleanup(workspaceId: number, id: string, at: number): Promise<void> {
    await this.deadline(this.redis.zadd(StatementKeys.results, at, `${workspaceId}:${id}`));
  }

  /** Results due for deletion, each claimed by this caller alone (the ZREM that removed it). */
  async claimExpiredResults(now: number, limit: number): Promise<{ workspaceId: number; id: string }[]> {
    const due = await this.deadline(
      this.redis.zrangebyscore(StatementKeys.results, '-inf', now, 'LIMIT', 0, limit),
    );
    const claimed: { workspaceId: number; id: string }[] = [];
    for (const member of due) {
      if ((await this.deadline(this.redis.zrem(StatementKeys.results, member))) !== 1) continue;
      const [workspaceId, id] = member.split(':');
      if (workspaceId && id) claimed.push({ workspaceId: Number(workspaceId), id });
    }
    return claimed;
  }

  async putChunk(id: string, index: number, body: Buffer, ttlMs: number): Promise<void> {
    await this.deadline(this.redis.set(StatementKeys.resultChunk(id, index), body, 'PX', ttlMs));
  }

  async getChunk(id: string, index: number): Promise<Buffer | undefined> {
    return (await this.deadline(this.redis.getBuffer(StatementKeys.resultChunk(id, index)))) ?? undefined;
  }

  async heartbeat(runnerId: string, ttlMs: number): Promise<void> {
    await this.deadline(this.redis.set(StatementKeys.runner(runnerId), '1', 'PX', ttlMs));
  }

  async dropHeartbeat(runnerId: string): Promise<void> {
    await this.deadline(this.redis.del(StatementKeys.runner(runnerId)));
  }

  async isRunnerAlive(runnerId: string): Promise<boolean> {
    return (await this.deadline(this.redis.exists(StatementKeys.runner(runnerId)))) === 1;
  }

  async publishCancel(id: string): Promise<void> {
    await this.deadline(this.redis.publish(StatementKeys.cancelChannel, id));
  }
}
