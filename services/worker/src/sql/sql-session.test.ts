import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dbfs } from '../storage/dbfs.js';
import { MemoryRuntimeStorage } from '../storage/memory-runtime-storage.js';
import { plainRows, SqlSession, SqlStatementError } from './sql-session.js';

describe('plainRows', () => {
  it('keeps numbers as numbers and takes the JSON form of the rest', () => {
    const rows = plainRows(
      [{ a: 1n, b: 2n ** 60n, c: 1.5, d: new Date(0), e: null, f: 'x' }],
      [{ a: '1', b: '1152921504606846976', c: '1.50', d: '1970-01-01', e: null, f: 'x' }],
    );
    expect(rows).toEqual([{ a: 1, b: '1152921504606846976', c: 1.5, d: '1970-01-01', e: null, f: 'x' }]);
  });
});

describe('SqlSession', () => {
  const workspaceId = 5;
  let storage: MemoryRuntimeStorage;
  let root: string;
  let session: SqlSession;

  beforeEach(async () => {
    storage = new MemoryRuntimeStorage();
    root = await mkdtemp(join(tmpdir(), 'sql-session-test-'));
    session = await SqlSession.open(new Dbfs(storage, workspaceId), root);
    await storage.put(`workspaces/${workspaceId}/dbfs/in/a.csv`, 'id,v\n1,x\n2,y\n');
    await storage.put(`workspaces/${workspaceId}/dbfs/in/b.csv`, 'id,v\n3,z\n');
  });

  afterEach(async () => {
    await session.close();
    await rm(root, { recursive: true, force: true });
  });

  it('reads DBFS inputs, globs included, and returns the last query', async () => {
    const result = await session.runScript("SELECT count(*) AS n FROM read_csv('dbfs:/in/*.csv')");
    expect(result.last?.columns).toEqual(['n']);
    expect(result.last?.rows).toEqual([['3']]);
  });

  it('uploads COPY TO outputs after the statement', async () => {
    await session.runScript(
      "COPY (SELECT * FROM 'dbfs:/in/a.csv') TO 'dbfs:/out/a.parquet' (FORMAT parquet)",
    );
    expect(await storage.exists(`workspaces/${workspaceId}/dbfs/out/a.parquet`)).toBe(true);
    const result = await session.runScript("SELECT sum(id) AS s FROM 'dbfs:/out/a.parquet'");
    expect(result.last?.rows).toEqual([['3']]);
  });

  it('uploads every file of a partitioned output', async () => {
    await session.runScript(
      "COPY (SELECT * FROM read_csv('dbfs:/in/*.csv')) TO 'dbfs:/out/parts' (FORMAT parquet, PARTITION_BY (v))",
    );
    const keys = [...storage.objects.keys()].filter((key) => key.includes('/dbfs/out/parts/'));
    expect(keys).toHaveLength(3);
  });

  it('keeps tables between scripts and applies widget defaults', async () => {
    await session.runScript(
      "CREATE WIDGET TEXT min DEFAULT '2'; CREATE TABLE t AS SELECT * FROM 'dbfs:/in/a.csv'",
    );
    expect((await session.runScript('SELECT count(*) FROM t WHERE id >= {{min}}')).last?.rows).toEqual([
      ['1'],
    ]);
    const bound = await session.runScript('SELECT count(*) FROM t WHERE id >= {{min}}', {
      parameters: { min: '1' },
    });
    expect(bound.last?.rows).toEqual([['2']]);
  });

  it('reports the failing statement with DBFS paths, not local ones', async () => {
    const error = await session
      .runScript("SELECT 1; SELECT * FROM read_csv('dbfs:/missing.csv')")
      .catch((e) => e);
    expect(error).toBeInstanceOf(SqlStatementError);
    expect(error.statementIndex).toBe(1);
    expect(error.message).toContain('dbfs:/missing.csv');
    expect(error.message).not.toContain(root);
  });

  it('cannot read local files outside its directory', async () => {
    const error = await session.runScript("SELECT * FROM read_csv('/etc/passwd')").catch((e) => e);
    expect(error).toBeInstanceOf(SqlStatementError);
    expect(error.message).toMatch(/disabled by configuration/);
  });

  it('shows at most maxRows rows and says it cut them', async () => {
    const result = await session.runScript('SELECT * FROM range(100)', { maxRows: 5 });
    expect(result.last?.rows).toHaveLength(5);
    expect(result.last?.truncated).toBe(true);
  });

  it('collects the last query as objects', async () => {
    const result = await session.runScript("SELECT id, v FROM 'dbfs:/in/a.csv' ORDER BY id", { collect: 10 });
    expect(result.last?.objects).toEqual([
      { id: 1, v: 'x' },
      { id: 2, v: 'y' },
    ]);
  });
});
