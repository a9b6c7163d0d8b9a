import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname } from 'node:path';
import type { Readable, Writable } from 'node:stream';

export interface ProcessSpec {
  argv: readonly string[];
  env: Readonly<Record<string, string>>;
  cwd: string;
  /** stdout and stderr are appended here. */
  logFile: string;
  /**
   * The argv is a wrapper (mount-namespace.ts) that writes why it could not set the container up
   * to fd 3 and closes fd 3 when it execs the container's command.
   */
  reportsSetup?: boolean;
}

export interface ProcessExit {
  exitCode: number;
  /** The signal that ended the process, if one did. */
  signal?: NodeJS.Signals;
  /** Completed (exit 0), Error (any other exit) or StartError (never ran), as a kubelet says. */
  reason: 'Completed' | 'Error' | 'StartError';
  message?: string;
  atMs: number;
}

/**
 * One container as a local process: its own session and process group (so signals reach the
 * whole tree, and what is left of the group dies with it), stdout and stderr appended to a log
 * file the child writes itself. The process does not outlive a graceful agent shutdown, but it
 * is not tied to the agent either: an agent killed with SIGKILL leaves it orphaned (see
 * orphan-process.ts for how the next agent cleans up).
 */
export class ContainerProcess {
  readonly exited: Promise<ProcessExit>;
  private exitedYet = false;

  private constructor(
    readonly pid: number | undefined,
    readonly startedAtMs: number,
    exited: Promise<ProcessExit>,
  ) {
    this.exited = exited.then((exit) => {
      this.exitedYet = true;
      return exit;
    });
  }

  /** Starts the process; resolves once it runs, or with a process that failed to start (no pid). */
  static async start(spec: ProcessSpec, clock: () => number = Date.now): Promise<ContainerProcess> {
    const startedAtMs = clock();
    const failed = (message: string): ContainerProcess =>
      new ContainerProcess(
        undefined,
        startedAtMs,
        Promise.resolve({ exitCode: 128, reason: 'StartError', message, atMs: clock() }),
      );
    if (!isDirectory(spec.cwd)) return failed(`working directory "${spec.cwd}" does not exist`);
    let logFd: number;
    try {
      mkdirSync(dirname(spec.logFile), { recursive: true });
      logFd = openSync(spec.logFile, 'a');
    } catch (error) {
      return failed(`cannot open log file: ${(error as Error).message}`);
    }
    const [program = '', ...args] = spec.argv;
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(program, args, {
        cwd: spec.cwd,
        env: spec.env,
        detached: true,
        stdio: ['ignore', logFd, logFd, ...(spec.reportsSetup ? (['pipe'] as const) : [])],
      });
    } catch (error) {
      return failed(`failed to start "${program}": ${(error as Error).message}`);
    } finally {
      closeSync(logFd);
    }
    const started = await new Promise<Error | undefined>((resolve) => {
      child.once('spawn', () => resolve(undefined));
      child.once('error', (error) => resolve(error));
    });
    if (started || child.pid === undefined) {
      const code = (started as NodeJS.ErrnoException | undefined)?.code;
      return failed(
        code === 'ENOENT'
          ? `exec: "${program}": executable file not found in $PATH`
          : `failed to start "${program}": ${started?.message ?? 'no pid'}`,
      );
    }
    const pid = child.pid;
    const exited = new Promise<ProcessExit>((resolve) => {
      child.once('exit', (code, signal) => {
        // A container's processes end with it: kill what is left of its process group.
        signalGroup(pid, 'SIGKILL');
        const exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
        resolve({
          exitCode,
          ...(signal ? { signal } : {}),
          reason: exitCode === 0 ? 'Completed' : 'Error',
          atMs: clock(),
        });
      });
    });
    const setupError = spec.reportsSetup ? await readAll(child.stdio[3]) : '';
    if (setupError) {
      await exited;
      return failed(setupError);
    }
    return new ContainerProcess(pid, startedAtMs, exited);
  }

  get running(): boolean {
    return this.pid !== undefined && !this.exitedYet;
  }

  /** Sends a signal to the process group; nothing if it already exited. */
  signal(signal: NodeJS.Signals): void {
    if (this.running && this.pid !== undefined) signalGroup(this.pid, signal);
  }
}

/** Signals a process group, or the process alone if it has none of its own; ignores missing ones. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Everything a pipe delivers until its writers close it. */
async function readAll(stream: Readable | Writable | null | undefined): Promise<string> {
  if (!stream || !('setEncoding' in stream)) return '';
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk;
  return text;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
