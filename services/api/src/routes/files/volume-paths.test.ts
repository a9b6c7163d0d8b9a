import { describe, expect, it } from 'vitest';
import { DatabricksError } from '../../errors/databricks-error.js';
import { parseVolumeFilePath, parseVolumePath } from './volume-paths.js';

function refusal(parse: () => unknown): { status: number; error_code: string; message: string } {
  try {
    parse();
  } catch (error) {
    if (error instanceof DatabricksError) return { status: error.statusCode, ...error.toJSON() };
    throw error;
  }
  throw new Error('parsed');
}

describe('parseVolumePath', () => {
  it.each([
    ['/Volumes/main/default/files', { catalog: 'main', schema: 'default', volume: 'files', path: '/' }],
    ['/Volumes/main/default/files/', { catalog: 'main', schema: 'default', volume: 'files', path: '/' }],
    ['/Volumes/Main/s/v/a b/c?#.txt', { catalog: 'Main', schema: 's', volume: 'v', path: '/a b/c?#.txt' }],
    ['/Volumes/c/s/v//a/./b/', { catalog: 'c', schema: 's', volume: 'v', path: '/a/b' }],
  ])('reads %s', (raw, parts) => {
    expect(parseVolumePath(raw)).toEqual(parts);
  });

  it.each([
    ['/', 'Invalid path: unsupported first path component: '],
    ['/Volume/c/s/v/a', 'Invalid path: unsupported first path component: Volume'],
    ['/dbfs/tmp/a', 'Invalid path: unsupported first path component: dbfs'],
    ['/Volumes', 'Invalid path: Path is missing a catalog name'],
    ['/Volumes/main', 'Invalid path: Path is missing a schema name'],
    ['/Volumes/main/demo/', 'Invalid path: Path is missing a volume name'],
    [
      '/Volumes/c/s/v/../../other/v',
      "Invalid path: The path must not contain '..': /Volumes/c/s/v/../../other/v",
    ],
    [
      '/Volumes/c/s/v/a\u0000b',
      'Invalid path: The path contains control characters: "/Volumes/c/s/v/a\\u0000b"',
    ],
  ])('refuses %j with 400 INVALID_PARAMETER_VALUE', (raw, message) => {
    expect(refusal(() => parseVolumePath(raw))).toEqual({
      status: 400,
      error_code: 'INVALID_PARAMETER_VALUE',
      message,
    });
  });
});

describe('parseVolumeFilePath', () => {
  it('reads a file path as parseVolumePath does', () => {
    expect(parseVolumeFilePath('/Volumes/c/s/v/a.txt').path).toBe('/a.txt');
  });

  it('refuses a path ending with / : that names a directory', () => {
    expect(refusal(() => parseVolumeFilePath('/Volumes/c/s/v/dir/'))).toMatchObject({
      status: 400,
      message: "Invalid path: A file path cannot end with '/': /Volumes/c/s/v/dir/",
    });
  });
});
