import { describe, expect, it } from 'vitest';
import { directoryPage, MAX_PAGE_SIZE } from './directory-pages.js';

const entries = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ name: `f${String(index).padStart(4, '0')}` }));

/** Every page, following next_page_token as the SDK does. */
function allPages(items: { name: string }[], pageSize: number | undefined): string[][] {
  const pages: string[][] = [];
  let token: string | undefined;
  do {
    const page = directoryPage(items, pageSize, token);
    pages.push(page.items.map((item) => item.name));
    token = page.next_page_token;
  } while (token);
  return pages;
}

describe('directoryPage', () => {
  it('pages by page_size and ends without a next_page_token', () => {
    expect(allPages(entries(5), 2)).toEqual([['f0000', 'f0001'], ['f0002', 'f0003'], ['f0004']]);
    expect(allPages(entries(4), 2)).toEqual([
      ['f0000', 'f0001'],
      ['f0002', 'f0003'],
    ]);
    expect(directoryPage([], undefined, undefined)).toEqual({ items: [] });
  });

  it('gives at most 1000 entries a page, also when asked for none (0) or more', () => {
    for (const size of [undefined, 0, 5000]) {
      expect(allPages(entries(MAX_PAGE_SIZE + 1), size).map((page) => page.length)).toEqual([
        MAX_PAGE_SIZE,
        1,
      ]);
    }
  });

  it('goes on after the last name of the page before, whatever came or went', () => {
    const first = directoryPage(entries(4), 2, undefined);
    const changed = [{ name: 'a-new-first' }, ...entries(4).filter((entry) => entry.name !== 'f0002')];
    expect(directoryPage(changed, 2, first.next_page_token).items).toEqual([{ name: 'f0003' }]);
  });

  it.each(['%%%', 'e30', Buffer.from('{"after":7}').toString('base64url')])(
    'refuses the page_token %j with 400',
    (token) => {
      expect(() => directoryPage(entries(3), 2, token)).toThrow(/Invalid page_token/);
    },
  );
});
