import { describe, expect, it } from 'vitest';
import { decodePageToken, pageOf } from './paging.js';

const items = [1, 2, 3, 4, 5];

describe('pageOf', () => {
  it('returns everything without a page size', () => {
    expect(pageOf(items, undefined, undefined)).toEqual({ items, tokens: {} });
  });

  it('walks forward and back through pages with opaque tokens', () => {
    const first = pageOf(items, 2, undefined);
    expect(first.items).toEqual([1, 2]);
    expect(first.tokens.prev_page_token).toBeUndefined();
    const second = pageOf(items, 2, first.tokens.next_page_token);
    expect(second.items).toEqual([3, 4]);
    const third = pageOf(items, 2, second.tokens.next_page_token);
    expect(third.items).toEqual([5]);
    expect(third.tokens.next_page_token).toBeUndefined();
    expect(pageOf(items, 2, third.tokens.prev_page_token).items).toEqual([3, 4]);
  });

  it('rejects a token it did not issue', () => {
    expect(() => decodePageToken('not-a-token')).toThrow(/Invalid page_token/);
  });
});
