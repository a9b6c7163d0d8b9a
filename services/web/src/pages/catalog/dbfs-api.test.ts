import { describe, expect, it } from 'vitest';
import { listingOf } from './dbfs-api';

const file = { path: '/FileStore/a.csv', is_dir: false, file_size: 10, modification_time: 1 };

describe('DBFS listings', () => {
  it('tells a file (listed as itself) from a directory', () => {
    expect(listingOf('/FileStore/a.csv', [file])).toEqual({ kind: 'file', file });
    expect(listingOf('/FileStore', [file])).toEqual({ kind: 'directory', entries: [file] });
    expect(listingOf('/empty', [])).toEqual({ kind: 'directory', entries: [] });
  });
});
