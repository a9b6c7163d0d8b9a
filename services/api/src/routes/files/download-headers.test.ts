import { describe, expect, it } from 'vitest';
import { modifiedSince, requestedRange } from './download-headers.js';

describe('requestedRange', () => {
  it.each([
    ['bytes=0-3', 10, { offset: 0, length: 4 }],
    ['bytes=4-', 10, { offset: 4, length: 6 }],
    ['bytes=8-100', 10, { offset: 8, length: 2 }],
    ['bytes=-3', 10, { offset: 7, length: 3 }],
    ['bytes=-30', 10, { offset: 0, length: 10 }],
    [' bytes=9-9 ', 10, { offset: 9, length: 1 }],
  ])('reads %j of %i bytes', (header, size, range) => {
    expect(requestedRange(header, size)).toEqual({ kind: 'range', range });
  });

  it.each([undefined, '', 'bytes=-', 'bytes=5-2', 'bytes=0-1,4-5', 'items=0-1', 'bytes=a-b'])(
    'sends the whole file for %j',
    (header) => {
      expect(requestedRange(header, 10)).toEqual({ kind: 'whole' });
    },
  );

  it.each([
    ['bytes=10-', 10],
    ['bytes=10-20', 10],
    ['bytes=-0', 10],
    ['bytes=0-', 0],
    ['bytes=-5', 0],
  ])('finds %j of %i bytes unsatisfiable', (header, size) => {
    expect(requestedRange(header, size)).toEqual({ kind: 'unsatisfiable' });
  });
});

describe('modifiedSince', () => {
  const modifiedAt = Date.parse('2025-01-02T03:04:05.678Z');

  it('compares whole seconds, as HTTP dates have them', () => {
    expect(modifiedSince(modifiedAt, 'Thu, 02 Jan 2025 03:04:05 GMT')).toBe(false);
    expect(modifiedSince(modifiedAt, 'Thu, 02 Jan 2025 03:04:04 GMT')).toBe(true);
    expect(modifiedSince(modifiedAt, 'Thu, 02 Jan 2025 04:00:00 GMT')).toBe(false);
  });

  it('ignores a missing or unreadable date', () => {
    expect(modifiedSince(modifiedAt, undefined)).toBe(false);
    expect(modifiedSince(modifiedAt, 'yesterday')).toBe(false);
  });
});
