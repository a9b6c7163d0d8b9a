import { Type } from 'typebox';
import { invalidParameter } from '../../errors/databricks-error.js';
import { pageOf } from '../paging.js';

/** The page a server chooses (max_results=0), and the most a page ever holds. */
const SERVER_PAGE_SIZE = 1000;

export const PagingQuery = {
  max_results: Type.Optional(Type.Integer()),
  page_token: Type.Optional(Type.String()),
};

/**
 * One page of a Unity Catalog list, as sdk-py documents max_results: 0 is a page of the server's
 * size, n > 0 at most that, negative is refused, and absent is everything (or, for the lists that
 * always page, a server page). The last page has no next_page_token: that is how the SDK stops.
 */
export function listPage<T>(
  items: T[],
  query: { max_results?: number | undefined; page_token?: string | undefined },
  options: { alwaysPaged?: boolean } = {},
): { items: T[]; next_page_token?: string } {
  const { max_results: maxResults, page_token: pageToken } = query;
  if (maxResults !== undefined && maxResults < 0) {
    throw invalidParameter(`max_results must not be negative; got ${maxResults}`);
  }
  const size =
    maxResults === undefined && !options.alwaysPaged
      ? undefined
      : Math.min(maxResults || SERVER_PAGE_SIZE, SERVER_PAGE_SIZE);
  const page = pageOf(items, size, pageToken || undefined);
  const next = page.tokens.next_page_token;
  return next === undefined ? { items: page.items } : { items: page.items, next_page_token: next };
}
