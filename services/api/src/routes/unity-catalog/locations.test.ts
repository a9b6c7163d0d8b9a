import { describe, expect, it } from 'vitest';
import { keyPrefixIn, normalizeLocation, overlaps } from './locations.js';

describe('normalizeLocation', () => {
  it.each([
    ['s3://bucket/a/b', 's3://bucket/a/b'],
    ['s3a://bucket/a/b/', 's3://bucket/a/b'],
    ['S3N://bucket/a//', 's3://bucket/a'],
  ])('stores %s as %s', (raw, stored) => {
    expect(normalizeLocation(raw)).toBe(stored);
  });

  it.each([
    'abfss://c@a.dfs.core.windows.net/x',
    '/tmp/x',
    's3://bucket',
    's3://bucket/',
    's3://b/a//c',
    's3://b/../c',
  ])('refuses %s', (raw) => {
    expect(() => normalizeLocation(raw)).toThrow(/Invalid storage location/);
  });
});

describe('overlaps', () => {
  it.each([
    ['s3://b/t/1', 's3://b/t/1', true],
    ['s3://b/t/1', 's3://b/t/1/part', true],
    ['s3://b/t', 's3://b/t/1', true],
    ['s3://b/t/1', 's3://b/t/10', false],
    ['s3://b/t/1', 's3://c/t/1', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
    expect(overlaps(b, a)).toBe(expected);
  });
});

describe('keyPrefixIn', () => {
  it('is the key prefix of a location in the bucket, and nothing elsewhere', () => {
    expect(keyPrefixIn('data', 's3://data/workspaces/1/t')).toBe('workspaces/1/t/');
    expect(keyPrefixIn('data', 's3://other/workspaces/1/t')).toBeUndefined();
    expect(keyPrefixIn('data', 's3://data-2/workspaces/1/t')).toBeUndefined();
  });
});
