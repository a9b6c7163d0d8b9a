import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Dbfs, DbfsError } from './dbfs.js';
import { MemoryRuntimeStorage } from './memory-runtime-storage.js';

const WS = 9;
const key = (path: string) => `workspaces/${WS}/dbfs${path}`;

describe('Dbfs', () => {
  let storage: MemoryRuntimeStorage;
  let dbfs: Dbfs;

  beforeEach(async () => {
    storage = new MemoryRuntimeStorage();
    dbfs = new Dbfs(storage, WS);
    await storage.put(key('/data/a.csv'), 'a,b\n1,2\n');
    await storage.put(key('/data/sub/b.txt'), 'b');
  });

  it('lists a directory: sub-directories end with /, entries sorted by name', async () => {
    const entries = await dbfs.ls('dbfs:/data');
    expect(entries.map((entry) => [entry.path, entry.name, entry.size])).toEqual([
      ['dbfs:/data/a.csv', 'a.csv', 8],
      ['dbfs:/data/sub/', 'sub/', 0],
    ]);
  });

  it('lists a file as itself, and the root', async () => {
    expect((await dbfs.ls('/data/a.csv')).map((entry) => entry.path)).toEqual(['dbfs:/data/a.csv']);
    expect((await dbfs.ls('dbfs:/')).map((entry) => entry.path)).toEqual(['dbfs:/data/']);
  });

  it('fails to list what does not exist', async () => {
    await expect(dbfs.ls('dbfs:/nope')).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('reads the head of a file, up to maxBytes', async () => {
    expect((await dbfs.head('dbfs:/data/a.csv')).toString()).toBe('a,b\n1,2\n');
    expect((await dbfs.head('dbfs:/data/a.csv', 3)).toString()).toBe('a,b');
    await expect(dbfs.head('dbfs:/data')).rejects.toMatchObject({ code: 'IS_A_DIRECTORY' });
  });

  it('puts a file only over nothing, unless asked to overwrite', async () => {
    expect(await dbfs.put('dbfs:/new.txt', 'hello')).toBe(5);
    await expect(dbfs.put('dbfs:/new.txt', 'again')).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    await dbfs.put('dbfs:/new.txt', 'again', true);
    expect((await dbfs.head('/new.txt')).toString()).toBe('again');
    await expect(dbfs.put('dbfs:/data', 'x', true)).rejects.toMatchObject({ code: 'IS_A_DIRECTORY' });
  });

  it('makes empty directories that list as empty', async () => {
    await dbfs.mkdirs('dbfs:/empty/dir');
    expect(await dbfs.ls('dbfs:/empty/dir')).toEqual([]);
    expect((await dbfs.ls('dbfs:/empty')).map((entry) => entry.name)).toEqual(['dir/']);
  });

  it('removes files, and directories only with recurse', async () => {
    await expect(dbfs.rm('dbfs:/data')).rejects.toMatchObject({ code: 'DIRECTORY_NOT_EMPTY' });
    expect(await dbfs.rm('dbfs:/data/a.csv')).toBe(true);
    expect(await dbfs.rm('dbfs:/data', true)).toBe(true);
    expect(await dbfs.rm('dbfs:/data')).toBe(false);
    expect([...storage.objects.keys()]).toEqual([]);
    await expect(dbfs.rm('dbfs:/', true)).rejects.toBeInstanceOf(DbfsError);
  });

  it('copies files, into directories, and trees with recurse', async () => {
    await dbfs.cp('dbfs:/data/a.csv', 'dbfs:/copy.csv');
    await dbfs.cp('dbfs:/data/a.csv', 'dbfs:/data/sub');
    await expect(dbfs.cp('dbfs:/data', 'dbfs:/backup')).rejects.toMatchObject({ code: 'IS_A_DIRECTORY' });
    await dbfs.cp('dbfs:/data', 'dbfs:/backup', true);
    expect([...storage.objects.keys()].sort()).toEqual(
      [
        '/backup/a.csv',
        '/backup/sub/a.csv',
        '/backup/sub/b.txt',
        '/copy.csv',
        '/data/a.csv',
        '/data/sub/a.csv',
        '/data/sub/b.txt',
      ].map(key),
    );
  });

  it('moves: copies then removes the source', async () => {
    await dbfs.mv('dbfs:/data/a.csv', 'dbfs:/moved.csv');
    expect(await storage.exists(key('/data/a.csv'))).toBe(false);
    expect(await storage.exists(key('/moved.csv'))).toBe(true);
  });

  it('copies between DBFS and the local disk with file:', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dbfs-test-'));
    try {
      await dbfs.cp('dbfs:/data/a.csv', `file:${dir}/a.csv`);
      expect(await readFile(join(dir, 'a.csv'), 'utf8')).toBe('a,b\n1,2\n');
      await writeFile(join(dir, 'up.txt'), 'up');
      await dbfs.cp(`file:${dir}/up.txt`, 'dbfs:/uploaded/');
      expect((await dbfs.head('dbfs:/uploaded/up.txt')).toString()).toBe('up');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects paths that are not DBFS paths', async () => {
    await expect(dbfs.ls('s3://bucket/x')).rejects.toThrow(/DBFS path/);
    await expect(dbfs.ls('dbfs:/a/../../b')).rejects.toThrow(/\.\./);
  });
});
