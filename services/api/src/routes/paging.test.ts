import { describe, expect, it } from 'vitest';
import { decodePageToken, offsetPageTokens, pageOf } from './paging.js';

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

describe('offsetPageTokens', () => {
  it('says whether more follow and links the pages before and after', () => {
    expect(offsetPageTokens(0, 20, 20)).toEqual({ has_more: false });
    const middle = offsetPageTokens(20, 20, 45);
    expect(middle.has_more).toBe(true);
    expect(decodePageToken(middle.next_page_token ?? '')).toBe(40);
    expect(decodePageToken(middle.prev_page_token ?? '')).toBe(0);
    expect(decodePageToken(offsetPageTokens(5, 20, 45).prev_page_token ?? '')).toBe(0);
  });
});
