import { describe, expect, it } from 'vitest';
import {
  dbfsPathOfLiteral,
  globBase,
  globToRegExp,
  OutputGlobError,
  rewriteDbfsLiterals,
} from './dbfs-literals.js';

const ROOT = '/tmp/mirror';

describe('rewriteDbfsLiterals', () => {
  it('replaces an input path with its local mirror', () => {
    const rewritten = rewriteDbfsLiterals("SELECT * FROM read_csv('dbfs:/data/in.csv')", ROOT);
    expect(rewritten.sql).toBe("SELECT * FROM read_csv('/tmp/mirror/data/in.csv')");
    expect(rewritten.references).toEqual([
      { path: '/data/in.csv', localPath: '/tmp/mirror/data/in.csv', direction: 'input', glob: false },
    ]);
  });

  it('treats the literal after TO as an output', () => {
    const rewritten = rewriteDbfsLiterals(
      "COPY (SELECT * FROM 'dbfs:/a.csv') TO 'dbfs:/out/x.parquet' (FORMAT parquet)",
      ROOT,
    );
    expect(rewritten.sql).toBe(
      "COPY (SELECT * FROM '/tmp/mirror/a.csv') TO '/tmp/mirror/out/x.parquet' (FORMAT parquet)",
    );
    expect(rewritten.references.map((reference) => [reference.path, reference.direction])).toEqual([
      ['/a.csv', 'input'],
      ['/out/x.parquet', 'output'],
    ]);
  });

  it('sees TO across case, line breaks and comments', () => {
    const rewritten = rewriteDbfsLiterals("COPY t to -- where\n  'dbfs:/o.csv'", ROOT);
    expect(rewritten.references[0]?.direction).toBe('output');
  });

  it('reads COPY FROM as an input', () => {
    const rewritten = rewriteDbfsLiterals("COPY t FROM 'dbfs:/in.csv'", ROOT);
    expect(rewritten.references[0]?.direction).toBe('input');
  });

  it('accepts the /dbfs/ local-path convention', () => {
    const rewritten = rewriteDbfsLiterals("SELECT * FROM '/dbfs/data/x.parquet'", ROOT);
    expect(rewritten.sql).toBe("SELECT * FROM '/tmp/mirror/data/x.parquet'");
  });

  it('marks globs, and every literal of a list', () => {
    const rewritten = rewriteDbfsLiterals(
      "SELECT * FROM read_parquet(['dbfs:/a/*.parquet', 'dbfs:/b.parquet'])",
      ROOT,
    );
    expect(rewritten.sql).toBe(
      "SELECT * FROM read_parquet(['/tmp/mirror/a/*.parquet', '/tmp/mirror/b.parquet'])",
    );
    expect(rewritten.references.map((reference) => reference.glob)).toEqual([true, false]);
  });

  it('leaves other literals, identifiers and comments alone', () => {
    const sql = "SELECT 'dbfs is great', \"dbfs:/x\" FROM t -- 'dbfs:/y'\n WHERE s = 's3://b/k'";
    expect(rewriteDbfsLiterals(sql, ROOT)).toEqual({ sql, references: [] });
  });

  it('refuses paths that climb out of DBFS', () => {
    expect(() => rewriteDbfsLiterals("SELECT * FROM 'dbfs:/a/../../etc/passwd'", ROOT)).toThrow(/\.\./);
  });

  it('refuses an output glob', () => {
    expect(() => rewriteDbfsLiterals("COPY t TO 'dbfs:/out/*.csv'", ROOT)).toThrow(OutputGlobError);
  });

  it('quotes local paths that contain a quote', () => {
    const rewritten = rewriteDbfsLiterals("SELECT * FROM 'dbfs:/it''s.csv'", ROOT);
    expect(rewritten.sql).toBe("SELECT * FROM '/tmp/mirror/it''s.csv'");
  });
});

describe('dbfsPathOfLiteral', () => {
  it.each([
    ['dbfs:/a/b', '/a/b'],
    ['dbfs://a//b/', '/a/b'],
    ['/dbfs/a', '/a'],
    ['/dbfs', '/'],
    ['/dbfsx/a', undefined],
    ['/tmp/a', undefined],
    ['s3://bucket/a', undefined],
  ])('maps %s to %s', (literal, path) => {
    expect(dbfsPathOfLiteral(literal)).toBe(path);
  });
});

describe('globs', () => {
  it.each([
    ['/a/*.csv', '/a/x.csv', true],
    ['/a/*.csv', '/a/b/x.csv', false],
    ['/a/**/*.parquet', '/a/p=1/q=2/x.parquet', true],
    ['/a/**/*.parquet', '/a/x.parquet', true],
    ['/a/?.csv', '/a/1.csv', true],
    ['/a/[0-9].csv', '/a/7.csv', true],
    ['/a/[!0-9].csv', '/a/7.csv', false],
    ['/a/x.csv', '/a/xxcsv', false],
  ])('%s matches %s: %s', (pattern, path, matches) => {
    expect(globToRegExp(pattern).test(path)).toBe(matches);
  });

  it('lists from the directory before the first wildcard', () => {
    expect(globBase('/a/b/*/c/*.csv')).toBe('/a/b');
    expect(globBase('/*.csv')).toBe('/');
  });
});
