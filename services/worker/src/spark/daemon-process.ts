import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { DaemonCommand, DaemonName } from './daemon-commands.js';

export interface DaemonExit {
  name: DaemonName;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why it could not start, when it could not. */
  error?: string;
}

/**
 * The daemons still running: killed at once if the runtime calls process.exit without stopping
 * them (a shutdown past its grace, a fatal error). A runtime that dies otherwise (a crash, SIGKILL)
 * runs no exit hook: the parent-death signal below covers that.
 */
const live = new Set<DaemonProcess>();
process.once('exit', () => {
  for (const daemon of live) daemon.kill('SIGKILL');
});

/**
 * Every line of `from` to `to`, prefixed with the daemon's name, so the pod's log tells them
 * apart; and as it is to `file`, when there is one.
 */
function prefixLines(from: Readable, to: Writable, name: DaemonName, file?: string): void {
  const copy = file ? createWriteStream(file, { flags: 'a' }) : undefined;
  copy?.on('error', () => copy.destroy());
  const lines = createInterface({ input: from, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on('line', (line) => {
    to.write(`[${name}] ${line}\n`);
    if (copy && !copy.destroyed) copy.write(`${line}\n`);
  });
  lines.once('close', () => copy?.end());
}

/**
 * One Spark JVM (with the script that launches it) in its own process group, so that stopping it
 * reaches what it started (a Worker's executors and their Python workers) and nothing of the
 * runtime. `setpriv --pdeathsig` has the kernel kill the JVM if the runtime dies without a word
 * (SIGKILL, OOM, a crash); a Worker's executors then exit as they lose their Worker (Spark's
 * WorkerWatcher). So no JVM outlives its pod. Its output goes to the runtime's, line by line.
 */
export class DaemonProcess {
  readonly exited: Promise<DaemonExit>;
  readonly pid: number | undefined;
  private running = true;

  constructor(readonly command: DaemonCommand) {
    const child = spawn('setpriv', ['--pdeathsig', 'KILL', '--', command.program, ...command.args], {
      cwd: command.cwd,
      env: command.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.pid = child.pid;
    live.add(this);
    prefixLines(child.stdout, process.stdout, command.name, command.outputFiles?.stdout);
    prefixLines(child.stderr, process.stderr, command.name, command.outputFiles?.stderr);
    this.exited = new Promise((resolve) => {
      const settle = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
        if (!this.running) return;
        this.running = false;
        live.delete(this);
        // Whatever it left in its group (executors of a Worker) goes with it.
        this.kill('SIGKILL');
        resolve({ name: command.name, code, signal, ...(error ? { error: error.message } : {}) });
      };
      child.once('exit', settle);
      child.once('error', (error) => settle(null, null, error));
    });
  }

  /** Signals the whole group; nothing if it is gone. */
  kill(signal: NodeJS.Signals): void {
    if (this.pid === undefined) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      // already gone
    }
  }

  /** Signals the JVM alone, not what it started (a Worker's executors and their Python workers). */
  signalLeader(signal: NodeJS.Signals): void {
    if (this.pid === undefined || !this.running) return;
    try {
      process.kill(this.pid, signal);
    } catch {
      // already gone
    }
  }

  /** SIGTERM (the JVM's shutdown hooks stop executors and unregister), SIGKILL after `graceMs`. */
  async stop(graceMs: number): Promise<DaemonExit> {
    if (!this.running) return this.exited;
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }
}
