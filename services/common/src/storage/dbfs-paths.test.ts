import { describe, expect, it } from 'vitest';
import { dbfsDirectoryPrefix, dbfsObjectKey, parseDbfsPath } from './dbfs-paths.js';

describe('parseDbfsPath', () => {
  it.each([
    ['dbfs:/tmp/x.csv', '/tmp/x.csv'],
    ['/tmp/x.csv', '/tmp/x.csv'],
    ['dbfs:/', '/'],
    ['dbfs:', '/'],
    ['dbfs://tmp//x', '/tmp/x'],
    ['/FileStore/tables/', '/FileStore/tables'],
  ])('reads %j as %j', (raw, canonical) => {
    expect(parseDbfsPath(raw)).toBe(canonical);
  });

  it.each([
    ['s3://bucket/key', /must be a DBFS path/],
    ['file:/tmp/x', /must be a DBFS path/],
    ['tmp/x', /must be absolute/],
    ['dbfs:tmp/x', /must be absolute/],
    ['dbfs:/a/../b', /'\.\.'/],
  ])('rejects %j', (raw, message) => {
    expect(() => parseDbfsPath(raw)).toThrow(message);
  });
});

describe('DBFS keys', () => {
  it('puts dbfs:/x and /x at workspaces/<id>/dbfs/x', () => {
    expect(dbfsObjectKey(42, 'dbfs:/tmp/x.csv')).toBe('workspaces/42/dbfs/tmp/x.csv');
    expect(dbfsObjectKey(42, '/tmp/x.csv')).toBe('workspaces/42/dbfs/tmp/x.csv');
    expect(dbfsDirectoryPrefix(42, 'dbfs:/')).toBe('workspaces/42/dbfs/');
    expect(dbfsDirectoryPrefix(42, '/tmp')).toBe('workspaces/42/dbfs/tmp/');
  });
});
