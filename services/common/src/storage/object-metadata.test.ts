import { describe, expect, it } from 'vitest';
import { fromS3Metadata, objectIdOf, toS3Metadata } from './object-metadata.js';

describe('objectIdOf', () => {
  it('is a stable positive safe integer per workspace and path', () => {
    const id = objectIdOf(1, '/Users/a/etl');
    expect(Number.isSafeInteger(id)).toBe(true);
    expect(id).toBeGreaterThan(0);
    expect(objectIdOf(1, '/Users/a/etl')).toBe(id);
    expect(objectIdOf(2, '/Users/a/etl')).not.toBe(id);
    expect(objectIdOf(1, '/Users/a/etl2')).not.toBe(id);
  });
});

describe('object metadata in S3 user metadata', () => {
  it('round-trips a notebook', () => {
    const metadata = {
      objectType: 'NOTEBOOK',
      language: 'SQL',
      objectId: 12,
      createdAt: 1000,
      modifiedAt: 2000,
    } as const;
    const raw = toS3Metadata(metadata);
    expect(raw).toEqual({
      'object-type': 'NOTEBOOK',
      language: 'SQL',
      'object-id': '12',
      'created-at': '1000',
      'modified-at': '2000',
    });
    expect(fromS3Metadata(raw, { objectId: 99, modifiedAt: 5 })).toEqual(metadata);
  });

  it('treats an object without metadata as a file with ids and times from elsewhere', () => {
    expect(fromS3Metadata({}, { objectId: 99, modifiedAt: 5 })).toEqual({
      objectType: 'FILE',
      language: undefined,
      objectId: 99,
      createdAt: 5,
      modifiedAt: 5,
    });
  });

  it('ignores values it cannot read, and a language on a file', () => {
    const raw = { 'object-type': 'BOGUS', language: 'PYTHON', 'object-id': 'x', 'modified-at': '-1' };
    expect(fromS3Metadata(raw, { objectId: 3, modifiedAt: 4 })).toEqual({
      objectType: 'FILE',
      language: undefined,
      objectId: 3,
      createdAt: 4,
      modifiedAt: 4,
    });
  });
});
