import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DaemonCommand } from './daemon-commands.js';
import { DaemonGroup } from './daemon-group.js';

/** A shell standing in for a JVM: it starts a child of its own, as a Worker starts executors. */
function command(script: string): DaemonCommand {
  return {
    name: 'spark-worker',
    program: 'sh',
    args: ['-c', script],
    env: { PATH: process.env.PATH ?? '' },
    cwd: '/',
  };
}

/** Whether a live process (not a zombie awaiting its reaper) of the daemon's group is left. */
async function groupLeft(pid: number | undefined): Promise<boolean> {
  if (pid === undefined) throw new Error('no pid');
  const live = (entry: string): boolean => {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return group === String(pid) && state !== 'Z';
    } catch {
      return false;
    }
  };
  // SIGKILL is delivered asynchronously: give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .some(live);
}

describe('DaemonGroup', () => {
  it('reports a daemon that exits unasked, with its status, and kills what it left behind', async () => {
    const group = new DaemonGroup();
    const daemon = group.start(command('sleep 30 & exit 3'));
    await expect(group.failed).resolves.toMatchObject({ name: 'spark-worker', code: 3 });
    expect(await groupLeft(daemon.pid)).toBe(false);
  });

  it('stops a daemon on purpose without reporting it, and kills what it started', async () => {
    const group = new DaemonGroup();
    const daemon = group.start(command('sleep 30 & wait'));
    const reported = await Promise.race([
      group.failed,
      new Promise((resolve) => setTimeout(resolve, 200, 'none')),
    ]);
    await group.stop(daemon, 1_000);
    expect(reported).toBe('none');
    await expect(daemon.exited).resolves.toMatchObject({ signal: 'SIGTERM' });
    expect(await groupLeft(daemon.pid)).toBe(false);
    const failed = await Promise.race([
      group.failed,
      new Promise((resolve) => setTimeout(resolve, 50, 'none')),
    ]);
    expect(failed).toBe('none');
  });

  it('kills with SIGKILL a daemon that ignores SIGTERM past the grace period', async () => {
    const group = new DaemonGroup();
    const daemon = group.start(command("trap '' TERM; sleep 30 & wait; sleep 30"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await group.stopAll(200);
    expect(await daemon.exited).toMatchObject({ signal: 'SIGKILL' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await groupLeft(daemon.pid)).toBe(false);
  });
});
