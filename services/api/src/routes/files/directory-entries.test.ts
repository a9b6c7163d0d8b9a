import { describe, expect, it } from 'vitest';
import { directoryEntries } from './directory-entries.js';

const prefix = 'workspaces/1/dbfs/Volumes/c/s/v/out/';
const object = (name: string, size = 0, lastModified = 1000) => ({ key: prefix + name, size, lastModified });
const file = (name: string, size = 0, modifiedAt = 1000) => ({ name, isDirectory: false, size, modifiedAt });
const directory = (name: string) => ({ name, isDirectory: true, size: 0, modifiedAt: 0 });

describe('directoryEntries', () => {
  it('lists files and sub-directories by name, without the directory marker', () => {
    const listing = {
      objects: [object(''), object('b.csv', 12, 5000), object('a.csv', 3)],
      prefixes: [`${prefix}sub/`],
    };
    expect(directoryEntries(listing, prefix)).toEqual([
      file('a.csv', 3),
      file('b.csv', 12, 5000),
      directory('sub'),
    ]);
  });

  it('lists what Spark writes: part files, _SUCCESS and _delta_log', () => {
    const listing = {
      objects: [object('_SUCCESS'), object('part-00000-x.snappy.parquet', 700)],
      prefixes: [`${prefix}_delta_log/`],
    };
    expect(directoryEntries(listing, prefix)).toEqual([
      file('_SUCCESS'),
      directory('_delta_log'),
      file('part-00000-x.snappy.parquet', 700),
    ]);
  });

  it('takes a Hadoop folder marker for the directory it marks, once', () => {
    const listing = {
      objects: [object('empty_$folder$'), object('full_$folder$'), object('_$folder$')],
      prefixes: [`${prefix}full/`],
    };
    expect(directoryEntries(listing, prefix)).toEqual([directory('empty'), directory('full')]);
  });

  it('shows a name that is both a file and a directory as the directory', () => {
    const listing = { objects: [object('x', 4)], prefixes: [`${prefix}x/`] };
    expect(directoryEntries(listing, prefix)).toEqual([directory('x')]);
  });
});
