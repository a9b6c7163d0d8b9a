import type { Redis } from 'ioredis';
import { newNumericId } from '../ids/numeric-id.js';
import { RunKeys } from './run-keys.js';
import { isTerminal, type RunRecord, type TaskRunOutput } from './run-record.js';
import { DELETE_RUN, REPLACE_RUN, SUBMIT_RUN } from './run-scripts.js';
import { RunStoreUnavailableError } from './run-store-error.js';

/*
 * Job runs live in Redis (append-only file on, no eviction), not in Kubernetes: there are many of
 * them, they change often, and their history must survive restarts of every process.
 *
 * Key layout (every key starts with `brickyard:`; ids are decimal strings):
 *
 *   brickyard:run:<run_id>                       HASH   doc: the run as JSON (RunRecord in
 *                                                       store/runs/run-record.ts, the API's Run plus
 *                                                       hidden fields), version: integer bumped on
 *                                                       every write, workspace_id
 *   brickyard:run:<task_run_id>:output           STRING JSON TaskRunOutput of a task run, written by
 *                                                       the runtime (notebook_output, error, logs, ...)
 *   brickyard:run-ids                            HASH   every run id, of runs and of task runs -> the
 *                                                       id of the run it belongs to (a run maps to itself)
 *   brickyard:ws:<ws>:runs                       ZSET   run ids of the workspace, scored by start_time
 *   brickyard:ws:<ws>:job:<job_id>:runs          ZSET   run ids of one job, scored by start_time
 *   brickyard:ws:<ws>:job:<job_id>:run-counter   STRING the job's last number_in_job
 *   brickyard:ws:<ws>:runs:active                ZSET   runs not yet terminal, scored by start_time
 *   brickyard:ws:<ws>:runs:queued                ZSET   the hand-off to the scheduler: QUEUED runs,
 *                                                       scored by the time they were queued (FIFO)
 *   brickyard:ws:<ws>:idempotency                HASH   idempotency token -> run id (kept after the run
 *                                                       is deleted, so the token cannot start another)
 *   brickyard:runs:queued-workspaces             SET    workspace ids that may have queued runs
 *   channel brickyard:runs:queued                PUBLISH "<ws>:<run_id>" for each new queued run (a
 *                                                       wake-up only; the queued ZSET is the truth)
 *
 * Protocol for every writer (the API here, the scheduler later):
 *   - A run is created in one script (SUBMIT_RUN) that checks the idempotency token, writes the
 *     document, the indexes and the queued entry together: nothing accepted is lost, and a token
 *     never yields a second run, however many requests race.
 *   - A run document is only replaced by compare-and-set on `version` (REPLACE_RUN): read doc and
 *     version, compute the new document, write it if the version is unchanged, else read again.
 *     The same script removes the run from the queued ZSET once it leaves QUEUED and from the
 *     active ZSET once it is terminal. The scheduler claims a queued run by moving it to PENDING
 *     this way, so a concurrent cancel either finalises it first or sees PENDING and only sets
 *     `cancel_requested`.
 *   - Deleting a run (DELETE_RUN) is compare-and-set too and removes every index entry.
 */

/** A run document and the version it was read at. */
export interface StoredRun {
  record: RunRecord;
  version: string;
}

/** A run or task run id, resolved to the run it belongs to. */
export interface RunLookup {
  run: StoredRun;
  /** Set when the id is the id of one of the run's tasks. */
  taskIndex?: number;
}

export type SubmitResult =
  | { created: true; run: RunRecord }
  | { created: false; existingRunId: number; run: RunRecord | undefined };

export interface ListRunIdsOptions {
  jobId?: number;
  activeOnly?: boolean;
  startTimeFrom?: number;
  startTimeTo?: number;
}

interface ScriptCommands {
  brickyardSubmitRun(...args: string[]): Promise<[number, string]>;
  brickyardReplaceRun(...args: string[]): Promise<number>;
  brickyardDeleteRun(...args: string[]): Promise<number>;
}

const MAX_ID_ATTEMPTS = 5;
const MAX_CONFLICT_RETRIES = 20;
const DEFAULT_TIMEOUT_MS = 10_000;

/** Document parts so the submit script can put the job's run number first without parsing JSON. */
function numberedDocument(record: RunRecord): { head: string; tail: string } {
  const { number_in_job: _number, ...rest } = record;
  return { head: '{"number_in_job":', tail: `,${JSON.stringify(rest).slice(1)}` };
}

function parseRun(doc: string | null | undefined, version: string | null | undefined): StoredRun | undefined {
  if (!doc || !version) return undefined;
  return { record: JSON.parse(doc) as RunRecord, version };
}

export class RunStore {
  private readonly scripts: ScriptCommands;

  constructor(
    private readonly redis: Redis,
    private readonly options: { timeoutMs?: number; newId?: () => number } = {},
  ) {
    redis.defineCommand('brickyardSubmitRun', { numberOfKeys: 9, lua: SUBMIT_RUN });
    redis.defineCommand('brickyardReplaceRun', { numberOfKeys: 3, lua: REPLACE_RUN });
    redis.defineCommand('brickyardDeleteRun', { lua: DELETE_RUN });
    this.scripts = redis as unknown as ScriptCommands;
  }

  /** Waits for Redis to answer. */
  async start(): Promise<void> {
    await this.deadline(this.redis.ping());
  }

  /** Closes the connection the store was given. */
  async stop(): Promise<void> {
    if (this.redis.status === 'end') return;
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  /** Fails a Redis call that takes too long with 503, rather than holding the request forever. */
  private async deadline<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RunStoreUnavailableError('The run store (Redis) is not answering; retry')),
        this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private newId(): number {
    return (this.options.newId ?? newNumericId)();
  }

  /**
   * Stores a new QUEUED run built by `draft` from fresh ids, and hands it to the scheduler, all in
   * one step. With an idempotency token already used in the workspace, nothing is written and the
   * existing run comes back instead (undefined when it was deleted).
   */
  async submit(
    taskCount: number,
    draft: (runId: number, taskRunIds: number[]) => RunRecord,
  ): Promise<SubmitResult> {
    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const runId = this.newId();
      const taskRunIds = Array.from({ length: taskCount }, () => this.newId());
      const record = draft(runId, taskRunIds);
      const ws = record.workspace_id;
      const numbered = record.job_id !== undefined;
      const { head, tail } = numbered ? numberedDocument(record) : { head: JSON.stringify(record), tail: '' };
      const [code, value] = await this.deadline(
        this.scripts.brickyardSubmitRun(
          RunKeys.run(runId),
          RunKeys.runIds,
          RunKeys.idempotency(ws),
          RunKeys.workspaceRuns(ws),
          numbered ? RunKeys.jobRuns(ws, record.job_id as number) : RunKeys.workspaceRuns(ws),
          numbered ? RunKeys.jobRunCounter(ws, record.job_id as number) : RunKeys.workspaceRuns(ws),
          RunKeys.queued(ws),
          RunKeys.active(ws),
          RunKeys.queuedWorkspaces,
          String(runId),
          String(ws),
          record.idempotency_token ?? '',
          numbered ? '1' : '0',
          head,
          tail,
          String(record.start_time),
          RunKeys.queuedChannel,
          ...taskRunIds.map(String),
        ),
      );
      if (Number(code) === 1) return { created: true, run: { ...record, number_in_job: Number(value) } };
      if (Number(code) === 0) {
        const existingRunId = Number(value);
        return { created: false, existingRunId, run: (await this.get(existingRunId))?.record };
      }
    }
    throw new RunStoreUnavailableError('Could not allocate a run id; retry');
  }

  /** A run by its id; undefined for unknown ids and for ids of task runs. */
  async get(runId: number): Promise<StoredRun | undefined> {
    const [doc, version] = await this.deadline(this.redis.hmget(RunKeys.run(runId), 'doc', 'version'));
    return parseRun(doc, version);
  }

  /** Runs by id, in the order given, skipping those that no longer exist. */
  async getMany(runIds: readonly number[]): Promise<StoredRun[]> {
    if (runIds.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const runId of runIds) pipeline.hmget(RunKeys.run(runId), 'doc', 'version');
    const results = (await this.deadline(pipeline.exec())) ?? [];
    const runs: StoredRun[] = [];
    for (const [error, fields] of results) {
      if (error) throw error;
      const [doc, version] = fields as (string | null)[];
      const run = parseRun(doc, version);
      if (run) runs.push(run);
    }
    return runs;
  }

  /** The run an id belongs to: the run itself, or the run one of whose tasks has this id. */
  async lookup(runId: number): Promise<RunLookup | undefined> {
    const parent = await this.deadline(this.redis.hget(RunKeys.runIds, String(runId)));
    if (parent === null) return undefined;
    const parentId = Number(parent);
    const run = await this.get(parentId);
    if (!run) return undefined;
    if (parentId === runId) return { run };
    const taskIndex = run.record.tasks.findIndex((task) => task.run_id === runId);
    return taskIndex < 0 ? undefined : { run, taskIndex };
  }

  /** Ids of a workspace's runs, newest first, narrowed by job, activity and start time. */
  async listRunIds(workspaceId: number, options: ListRunIdsOptions = {}): Promise<number[]> {
    const key = options.activeOnly
      ? RunKeys.active(workspaceId)
      : options.jobId !== undefined
        ? RunKeys.jobRuns(workspaceId, options.jobId)
        : RunKeys.workspaceRuns(workspaceId);
    const max = options.startTimeTo ?? '+inf';
    const min = options.startTimeFrom ?? '-inf';
    const ids = await this.deadline(this.redis.zrevrangebyscore(key, max, min));
    return ids.map(Number);
  }

  /** Ids of the runs of a workspace waiting for the scheduler, oldest first. */
  async queuedRunIds(workspaceId: number): Promise<number[]> {
    return (await this.deadline(this.redis.zrange(RunKeys.queued(workspaceId), 0, -1))).map(Number);
  }

  /**
   * Applies `mutate` to a run and writes the result if the run did not change meanwhile; on a
   * conflict the run is read again and `mutate` re-applied. `mutate` returns undefined to leave
   * the run as it is, and may throw to refuse. Returns the run as written (or as found), undefined
   * when it does not exist.
   */
  async update(
    runId: number,
    mutate: (run: RunRecord) => RunRecord | undefined,
  ): Promise<RunRecord | undefined> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const current = await this.get(runId);
      if (!current) return undefined;
      const next = mutate(structuredClone(current.record));
      if (!next) return current.record;
      const ws = current.record.workspace_id;
      const written = await this.deadline(
        this.scripts.brickyardReplaceRun(
          RunKeys.run(runId),
          RunKeys.queued(ws),
          RunKeys.active(ws),
          current.version,
          JSON.stringify(next),
          String(runId),
          next.state.life_cycle_state === 'QUEUED' ? '0' : '1',
          isTerminal(next.state.life_cycle_state) ? '1' : '0',
        ),
      );
      if (written === 1) return next;
      if (written === -1) return undefined;
    }
    throw new RunStoreUnavailableError(`Run ${runId} keeps changing; retry`);
  }

  /**
   * Deletes a run and its task runs' outputs if `check` (which may throw to refuse) accepts the
   * run as it is at the moment of deletion. False when the run does not exist.
   */
  async delete(runId: number, check: (run: RunRecord) => void): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const current = await this.get(runId);
      if (!current) return false;
      check(current.record);
      const { record } = current;
      const ws = record.workspace_id;
      const taskIds = record.tasks.map((task) => String(task.run_id));
      const keys = [
        RunKeys.run(runId),
        RunKeys.workspaceRuns(ws),
        record.job_id !== undefined ? RunKeys.jobRuns(ws, record.job_id) : RunKeys.workspaceRuns(ws),
        RunKeys.queued(ws),
        RunKeys.active(ws),
        RunKeys.runIds,
        RunKeys.output(runId),
        ...taskIds.map((id) => RunKeys.output(id)),
      ];
      const deleted = await this.deadline(
        this.scripts.brickyardDeleteRun(
          String(keys.length),
          ...keys,
          current.version,
          String(runId),
          ...taskIds,
        ),
      );
      if (deleted === 1) return true;
      if (deleted === -1) return false;
    }
    throw new RunStoreUnavailableError(`Run ${runId} keeps changing; retry`);
  }

  /** What a task run produced, as the runtime wrote it; undefined when nothing was written. */
  async output(runId: number): Promise<TaskRunOutput | undefined> {
    const raw = await this.deadline(this.redis.get(RunKeys.output(runId)));
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(raw) as unknown;
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as TaskRunOutput)
        : undefined;
    } catch {
      return undefined;
    }
  }
}
