import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryRuntimeStorage } from '../storage/memory-runtime-storage.js';
import { LOG_TAIL_BYTES, TaskLogs, tailOf } from './task-logs.js';

describe('tailOf', () => {
  it('keeps short text whole', () => {
    expect(tailOf(Buffer.from('abc'), 10)).toBe('abc');
  });

  it('starts the tail on a whole character', () => {
    // 'é' is two bytes: a cut in its middle drops it rather than showing half of it.
    expect(tailOf(Buffer.from('éé'), 3)).toBe('é');
  });
});

describe('TaskLogs', () => {
  it('writes each stream in full to its file, keeps the interleaved tail, and uploads both', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'task-logs-test-'));
    try {
      const logs = await TaskLogs.open(dir);
      logs.write('stdout', 'out 1\n');
      logs.write('stderr', 'err 1\n');
      logs.line('out 2');
      const big = 'x'.repeat(LOG_TAIL_BYTES);
      logs.write('stdout', big);
      logs.write('stdout', '\nlast\n');
      expect(logs.tail().endsWith('\nlast\n')).toBe(true);
      expect(Buffer.byteLength(logs.tail())).toBeLessThanOrEqual(LOG_TAIL_BYTES);

      const storage = new MemoryRuntimeStorage();
      await logs.upload(storage, 'logs/run');
      expect(await readFile(join(dir, 'stderr'), 'utf8')).toBe('err 1\n');
      expect((await storage.get('logs/run/stdout'))?.toString()).toBe(`out 1\nout 2\n${big}\nlast\n`);
      expect((await storage.get('logs/run/stderr'))?.toString()).toBe('err 1\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
