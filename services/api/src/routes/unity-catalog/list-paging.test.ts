import { describe, expect, it } from 'vitest';
import { listPage } from './list-paging.js';

const items = Array.from({ length: 2500 }, (_, index) => index);

/** Every item, following next_page_token as the SDK does. */
function walk(query: { max_results?: number }, options: { alwaysPaged?: boolean } = {}) {
  const seen: number[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = listPage(items, { ...query, page_token: token }, options);
    seen.push(...page.items);
    token = page.next_page_token;
    pages++;
  } while (token);
  return { seen, pages };
}

describe('listPage', () => {
  it('returns everything in one page without max_results', () => {
    expect(listPage(items, {})).toEqual({ items });
  });

  it.each([
    [{ max_results: 0 }, {}, 3],
    [{ max_results: 1000 }, {}, 3],
    [{ max_results: 5000 }, {}, 3],
    [{ max_results: 700 }, {}, 4],
    [{}, { alwaysPaged: true }, 3],
  ])('walks every item once with %j %j in %i pages, the last without a token', (query, options, pages) => {
    const walked = walk(query, options);
    expect(walked.seen).toEqual(items);
    expect(walked.pages).toBe(pages);
  });

  it('ends an empty list at once', () => {
    expect(listPage([], { max_results: 0 })).toEqual({ items: [] });
  });

  it('refuses a negative max_results', () => {
    expect(() => listPage(items, { max_results: -1 })).toThrow(/must not be negative/);
  });
});
