import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { driverLogFiles, executorLogFiles } from './log-files.js';

describe('driverLogFiles', () => {
  it('delivers the driver’s stdout and stderr under driver/', () => {
    expect(driverLogFiles('/scratch/logs')).toEqual([
      { localPath: '/scratch/logs/stdout', deliveredAs: 'driver/stdout' },
      { localPath: '/scratch/logs/stderr', deliveredAs: 'driver/stderr' },
    ]);
  });
});

describe('executorLogFiles', () => {
  it('delivers each executor’s streams under executor/<app-id>/<executor-id>/', async () => {
    const work = await mkdtemp(join(tmpdir(), 'work-'));
    await mkdir(join(work, 'app-1', '0'), { recursive: true });
    await mkdir(join(work, 'app-1', '3'), { recursive: true });
    await writeFile(join(work, 'app-1', 'stray.txt'), '');
    const files = await executorLogFiles(work);
    expect(files.map((file) => file.deliveredAs).sort()).toEqual([
      'executor/app-1/0/stderr',
      'executor/app-1/0/stdout',
      'executor/app-1/3/stderr',
      'executor/app-1/3/stdout',
    ]);
    expect(files[0]?.localPath.startsWith(join(work, 'app-1'))).toBe(true);
  });

  it('finds nothing before the Worker has made its work dir', async () => {
    expect(await executorLogFiles('/no/such/work/dir')).toEqual([]);
  });
});
