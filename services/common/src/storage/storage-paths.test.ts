import { describe, expect, it } from 'vitest';
import { StorageError } from './storage-error.js';
import {
  ancestorsOf,
  baseName,
  directoryPrefixOf,
  isSameOrInside,
  joinPath,
  normalizeAbsolutePath,
  objectKeyOf,
  parentPath,
  pathOfKey,
  workspaceStorageRoot,
} from './storage-paths.js';

describe('normalizeAbsolutePath', () => {
  it.each([
    ['/', '/'],
    ['/a', '/a'],
    ['/a/b/', '/a/b'],
    ['//a//b', '/a/b'],
    ['/a/./b', '/a/b'],
    ['/a b/c.txt', '/a b/c.txt'],
    ['/Users/a@b.c/etl', '/Users/a@b.c/etl'],
    ['/a..b/..c', '/a..b/..c'],
  ])('turns %j into %j', (raw, canonical) => {
    expect(normalizeAbsolutePath(raw)).toBe(canonical);
  });

  it.each([
    ['', /must not be empty/],
    ['a/b', /must be absolute/],
    ['/a/../b', /must not contain '\.\.'/],
    ['/..', /must not contain '\.\.'/],
    ['/a\u0000b', /control characters/],
    ['/a\nb', /control characters/],
    [`/${'x'.repeat(901)}`, /longer than 900 bytes/],
    [`/${'x'.repeat(200)}/${'y'.repeat(256)}`, /name longer than 255 bytes/],
    [`/${'é'.repeat(128)}`, /name longer than 255 bytes/],
  ])('rejects %j as an invalid path', (raw, message) => {
    expect(() => normalizeAbsolutePath(raw)).toThrow(StorageError);
    expect(() => normalizeAbsolutePath(raw)).toThrow(message);
    try {
      normalizeAbsolutePath(raw);
    } catch (error) {
      expect((error as StorageError).kind).toBe('INVALID_PATH');
    }
  });

  it('names the field in its message', () => {
    expect(() => normalizeAbsolutePath('x', 'source_path')).toThrow(/The source_path must be absolute/);
  });
});

describe('path arithmetic', () => {
  it('finds parents, names and ancestors', () => {
    expect(parentPath('/a/b/c')).toBe('/a/b');
    expect(parentPath('/a')).toBe('/');
    expect(parentPath('/')).toBe('/');
    expect(baseName('/a/b.txt')).toBe('b.txt');
    expect(joinPath('/', 'a')).toBe('/a');
    expect(joinPath('/a', 'b')).toBe('/a/b');
    expect(ancestorsOf('/a/b/c')).toEqual(['/a', '/a/b']);
    expect(ancestorsOf('/a')).toEqual([]);
  });

  it('knows what lies inside a directory, and that a sibling with a longer name does not', () => {
    expect(isSameOrInside('/a/b', '/a')).toBe(true);
    expect(isSameOrInside('/a', '/a')).toBe(true);
    expect(isSameOrInside('/ab', '/a')).toBe(false);
    expect(isSameOrInside('/anything', '/')).toBe(true);
  });
});

describe('keys of an area', () => {
  it('maps files to keys and directories to prefixes ending with /', () => {
    expect(objectKeyOf('dbfs', '/a/b')).toBe('dbfs/a/b');
    expect(directoryPrefixOf('dbfs', '/a/b')).toBe('dbfs/a/b/');
    expect(directoryPrefixOf('dbfs', '/')).toBe('dbfs/');
    expect(() => objectKeyOf('dbfs', '/')).toThrow(/root is a directory/);
  });

  it('maps keys and prefixes back to paths', () => {
    expect(pathOfKey('dbfs', 'dbfs/a/b')).toBe('/a/b');
    expect(pathOfKey('dbfs', 'dbfs/a/b/')).toBe('/a/b');
    expect(pathOfKey('dbfs', 'dbfs/')).toBe('/');
    expect(() => pathOfKey('dbfs', 'workspace/a')).toThrow(/not in area dbfs/);
  });

  it('roots a workspace at workspaces/<id>/', () => {
    expect(workspaceStorageRoot(1097972513252774)).toBe('workspaces/1097972513252774/');
    expect(() => workspaceStorageRoot(0)).toThrow(/Not a workspace id/);
    expect(() => workspaceStorageRoot(1.5)).toThrow(/Not a workspace id/);
  });
});
