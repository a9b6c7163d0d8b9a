import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';
import { TaskLogs } from '../logs/task-logs.js';
import { type Bridge, BridgeCallError, startBridge } from '../python/bridge-server.js';
import { childEnvironment, pythonExecutable, pythonPackageDir } from '../python/python-environment.js';
import { describeRuntimeError, runtimeBridgeHandlers } from '../python/runtime-bridge.js';
import { releaseSparkSession, sessionRemote } from '../python/spark-session.js';
import { workspaceSecrets } from '../python/workspace-secrets.js';
import type { Dbfs } from '../storage/dbfs.js';
import { CommandApiError } from './command-api-error.js';
import { newCommandId } from './command-ids.js';
import type { Language } from './command-routes.js';
import {
  type CommandStatus,
  cancelLine,
  errorResults,
  executeLine,
  isEnded,
  parseReplLine,
  type ReplMessage,
} from './repl-protocol.js';

/** Databricks' context states: Pending until the REPL is ready, Error once its process died. */
export type ContextStatus = 'Pending' | 'Running' | 'Error';

export interface CommandState {
  id: string;
  status: CommandStatus;
  /** The result as a JSON text, once the command ended. */
  results?: string;
}

export interface ExecutionContextOptions {
  id: string;
  /** The user who created the context: only they may use it. */
  owner: string;
  /** The credential its Spark session and dbutils.secrets act with (common compute-callers). */
  computeCaller?: string | undefined;
  language: Language;
  workspaceId: number;
  dbfs: Dbfs;
  /** The cluster's Spark Connect server, when the runtime runs Spark: the context gets a session. */
  sparkRemote?: string | undefined;
  /** The interpreter (default: pythonExecutable's choice). */
  pythonExecutable?: string | undefined;
  /** Where the context's temp dir is made (default os.tmpdir()). */
  tempRoot?: string | undefined;
  log: Logger;
}

export interface DestroyOptions {
  /** How long the REPL gets to end on its own once its stdin is closed, before SIGKILL. */
  graceMs?: number;
  /** Whether to release the Spark session of a REPL that did not end on its own. */
  releaseSpark?: boolean;
}

/** How many ended commands a context remembers; the oldest are forgotten first. */
const KEPT_COMMANDS = 100;
/** The REPL releases its Spark session as it ends, which may take it 5 s. */
const DESTROY_GRACE_MS = 6_000;
const LOG_TAIL_BYTES = 8 * 1024;

type ChildEnd = { code: number | null; signal: NodeJS.Signals | null } | { error: Error };

/** What a context holds besides its process, released when the process is gone. */
interface Resources {
  dir: string;
  logs: TaskLogs;
  bridge: Bridge;
  python: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  sparkSession: boolean;
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

function describeEnd(end: ChildEnd, python: string): string {
  if ('error' in end) {
    const missing = (end.error as NodeJS.ErrnoException).code === 'ENOENT';
    return missing ? `could not start: the Python interpreter '${python}' was not found` : end.error.message;
  }
  return end.signal ? `was killed by ${end.signal}` : `exited with code ${end.code}`;
}

async function prepare(options: ExecutionContextOptions): Promise<Resources> {
  const packageDir = pythonPackageDir();
  const dir = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'brickyard-context-'));
  const cwd = join(dir, 'work');
  await Promise.all([mkdir(cwd), mkdir(join(dir, 'tmp'))]);
  const logs = await TaskLogs.open(join(dir, 'logs'));
  const bridge = await startBridge(
    runtimeBridgeHandlers({
      dbfs: options.dbfs,
      downloadDir: join(dir, 'downloads'),
      sql: () => Promise.reject(new BridgeCallError('SQL_ERROR', 'brickyard.sql() runs in job tasks only.')),
      taskValues: new Map(),
      secrets: workspaceSecrets(options.computeCaller),
    }),
    describeRuntimeError,
  );
  // The context's own Spark Connect session, as each notebook has on Databricks.
  const sparkRemote = options.sparkRemote ? sessionRemote(options.sparkRemote, randomUUID()) : undefined;
  const env = childEnvironment({
    packageDir,
    tempDir: join(dir, 'tmp'),
    bridgeUrl: bridge.url,
    bridgeToken: bridge.token,
    workspaceId: options.workspaceId,
    runId: `context-${options.id}`,
    taskRunId: `context-${options.id}`,
    sparkRemote,
    computeCaller: options.computeCaller,
  });
  const python = pythonExecutable(options.pythonExecutable, sparkRemote !== undefined);
  return { dir, logs, bridge, python, env, cwd, sparkSession: sparkRemote !== undefined };
}

/**
 * One execution context: a Python REPL (python3 -m brickyard.repl) in its own process group, with
 * a bridge for dbutils and, with Spark, its own Spark Connect session. Commands go to the REPL as
 * they come and run there one at a time; this side keeps their states and results.
 */
export class ExecutionContext {
  readonly #commands = new Map<string, CommandState>();
  readonly #log: Logger;
  readonly #exited: Promise<ChildEnd>;
  #status: ContextStatus = 'Pending';
  #destroying = false;
  #releaseSpark = true;
  /** Resolves once the process is gone and the context's resources are released. */
  readonly settled: Promise<void>;

  private constructor(
    readonly id: string,
    readonly owner: string,
    readonly language: Language,
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly resources: Resources,
    log: Logger,
  ) {
    this.#log = log;
    this.#exited = new Promise((resolve) => {
      // 'error' without a pid: the process never started, and no 'close' may follow.
      child.on('error', (error) => child.pid === undefined && resolve({ error }));
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    // What the REPL started and left running would hold its pipes open, and 'close' back.
    child.once('exit', () => killGroup(child.pid, 'SIGKILL'));
    // Writing to a REPL that died fails with EPIPE: its end is handled once, from 'close'.
    child.stdin.on('error', () => undefined);
    child.stderr.on('data', (chunk: Buffer) => resources.logs.write('stderr', chunk));
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => this.#onLine(line));
    this.settled = this.#exited.then((end) => this.#onEnd(end));
  }

  static async start(options: ExecutionContextOptions): Promise<ExecutionContext> {
    const resources = await prepare(options);
    const log = options.log.child({ contextId: options.id });
    try {
      const child = spawn(resources.python, ['-m', 'brickyard.repl'], {
        cwd: resources.cwd,
        env: resources.env,
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      log.info({ pid: child.pid, language: options.language }, 'Started an execution context');
      return new ExecutionContext(options.id, options.owner, options.language, child, resources, log);
    } catch (error) {
      await Promise.all([resources.bridge.close(), resources.logs.close()]);
      await rm(resources.dir, { recursive: true, force: true });
      throw error;
    }
  }

  get status(): ContextStatus {
    return this.#status;
  }

  command(id: string): CommandState | undefined {
    return this.#commands.get(id);
  }

  /** Queues a command; its id. A context whose process died takes none. */
  execute(language: Language, command: string): string {
    if (this.#status === 'Error') {
      throw new CommandApiError(
        400,
        'INVALID_STATE',
        `The execution context ${this.id} is in state Error: its Python process has ended. Create a new one.`,
      );
    }
    const id = newCommandId();
    this.#commands.set(id, { id, status: 'Queued' });
    this.child.stdin.write(executeLine(id, language, command));
    return id;
  }

  /** Asks the REPL to stop a queued or running command; false for an unknown one. */
  cancel(id: string): boolean {
    const command = this.#commands.get(id);
    if (!command) return false;
    if (command.status === 'Queued' || command.status === 'Running') {
      command.status = 'Cancelling';
      this.child.stdin.write(cancelLine(id));
    }
    return true;
  }

  /**
   * Ends the REPL: closing its stdin stops what it runs and lets it release its Spark session;
   * one that does not end within the grace is killed. Resolves once the process is gone.
   */
  async destroy(options: DestroyOptions = {}): Promise<void> {
    if (!this.#destroying) {
      this.#destroying = true;
      this.#releaseSpark = options.releaseSpark ?? true;
      this.child.stdin.end();
      const kill = setTimeout(
        () => killGroup(this.child.pid, 'SIGKILL'),
        options.graceMs ?? DESTROY_GRACE_MS,
      );
      void this.#exited.then(() => clearTimeout(kill));
    }
    await this.#exited;
  }

  #onLine(line: string): void {
    const message = parseReplLine(line);
    if (message) this.#apply(message);
    else this.resources.logs.write('stdout', `${line}\n`);
  }

  #apply(message: ReplMessage): void {
    if (message.op === 'ready') {
      if (this.#status === 'Pending') this.#status = 'Running';
      return;
    }
    const command = this.#commands.get(message.id);
    if (!command) return;
    if (message.op === 'started') {
      if (command.status === 'Queued') command.status = 'Running';
      return;
    }
    command.status = message.status;
    command.results = message.results;
    this.#forgetOld();
  }

  #forgetOld(): void {
    let ended = [...this.#commands.values()].filter((command) => isEnded(command.status)).length;
    for (const [id, command] of this.#commands) {
      if (ended <= KEPT_COMMANDS) return;
      if (isEnded(command.status)) {
        this.#commands.delete(id);
        ended -= 1;
      }
    }
  }

  async #onEnd(end: ChildEnd): Promise<void> {
    const { logs, bridge, python, env, cwd, dir, sparkSession } = this.resources;
    const how = describeEnd(end, python);
    const tail = logs.tail(LOG_TAIL_BYTES);
    if (this.#destroying) {
      this.#log.info({ reason: how }, 'Destroyed an execution context');
    } else {
      this.#status = 'Error';
      this.#log.warn({ reason: how, logTail: tail }, 'An execution context ended: its Python process died');
    }
    for (const command of this.#commands.values()) {
      if (isEnded(command.status)) continue;
      command.status = 'Error';
      command.results = errorResults(`The execution context's Python process ${how}.`, tail);
    }
    const clean = 'code' in end && end.code === 0;
    try {
      // A REPL that did not end on its own left its Spark session (and queries) on the driver.
      if (sparkSession && !clean && this.#releaseSpark) await releaseSparkSession(python, env, cwd, logs);
      await Promise.all([bridge.close(), logs.close()]);
      await rm(dir, { recursive: true, force: true });
    } catch (error) {
      this.#log.warn({ err: error }, 'Could not release all of an execution context’s resources');
    }
  }
}
