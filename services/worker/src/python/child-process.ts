import { spawn } from 'node:child_process';
import type { TaskLogs } from '../logs/task-logs.js';

/** How long a canceled child gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 5_000;

export interface ChildOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  logs: TaskLogs;
  signal?: AbortSignal | undefined;
  killGraceMs?: number;
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the abort signal stopped the child. */
  aborted: boolean;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

/**
 * Runs a child in its own process group with its output going to the task logs. Aborting the
 * signal sends SIGTERM to the whole group, then SIGKILL after the grace period; when the child
 * exits, whatever it left running in its group is killed too.
 */
export function runChild(command: string, args: string[], options: ChildOptions): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      resolve({ code: null, signal: null, aborted: true });
      return;
    }
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      if (aborted || child.pid === undefined) return;
      aborted = true;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => {
        if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      }, options.killGraceMs ?? KILL_GRACE_MS);
      killTimer.unref();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => options.logs.write('stdout', chunk));
    child.stderr.on('data', (chunk: Buffer) => options.logs.write('stderr', chunk));
    child.once('error', (error) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      reject(error);
    });
    child.once('exit', () => {
      // Leftover grandchildren would hold the pipes open: end the group now.
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
    });
    child.once('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      resolve({ code, signal, aborted });
    });
  });
}
