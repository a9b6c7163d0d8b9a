import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContainerProcess } from './container-process.js';

const dir = mkdtempSync(join(tmpdir(), 'container-process-'));
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ContainerProcess', () => {
  it('appends stdout and stderr to the log file and reports the exit code', async () => {
    const logFile = join(dir, 'logs', 'ns_pod_main.log');
    const child = await ContainerProcess.start({
      argv: ['sh', '-c', 'echo out; echo err >&2; exit 3'],
      env,
      cwd: dir,
      logFile,
    });
    expect(child.pid).toBeGreaterThan(0);
    await expect(child.exited).resolves.toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(readFileSync(logFile, 'utf8')).toBe('out\nerr\n');
  });

  it('reports a clean exit as Completed', async () => {
    const child = await ContainerProcess.start({
      argv: ['true'],
      env,
      cwd: dir,
      logFile: join(dir, 'a.log'),
    });
    await expect(child.exited).resolves.toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('signals the whole process group and reports 128 + the signal', async () => {
    const child = await ContainerProcess.start({
      argv: ['sh', '-c', 'sleep 30 & wait'],
      env,
      cwd: dir,
      logFile: join(dir, 'b.log'),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    child.signal('SIGTERM');
    await expect(child.exited).resolves.toMatchObject({ exitCode: 143, signal: 'SIGTERM', reason: 'Error' });
    expect(child.running).toBe(false);
  });

  it.each([
    {
      sentence: 'a missing program',
      argv: ['no-such-program-xyz'],
      cwd: dir,
      message: 'executable file not found',
    },
    {
      sentence: 'a missing working directory',
      argv: ['true'],
      cwd: join(dir, 'absent'),
      message: 'does not exist',
    },
  ])('reports $sentence as StartError without a pid', async ({ argv, cwd, message }) => {
    const child = await ContainerProcess.start({ argv, env, cwd, logFile: join(dir, 'c.log') });
    expect(child.pid).toBeUndefined();
    const exit = await child.exited;
    expect(exit).toMatchObject({ exitCode: 128, reason: 'StartError' });
    expect(exit.message).toContain(message);
  });
});
