import { invalidParameter } from '../../errors/databricks-error.js';

/** At most this many entries per page, and this many when the client asks for none (or 0). */
export const MAX_PAGE_SIZE = 1000;

/**
 * Page tokens are opaque to clients: the base64url of the last name of the page before, so a
 * listing goes on after it even when entries come or go between pages.
 */
function encodeToken(after: string): string {
  return Buffer.from(JSON.stringify({ after })).toString('base64url');
}

function decodeToken(token: string): string {
  try {
    const { after } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof after === 'string') return after;
  } catch {
    // fall through to the error below
  }
  throw invalidParameter(`Invalid page_token ${token}`);
}

/**
 * One page of entries sorted by name: up to `pageSize` (above MAX_PAGE_SIZE coerced to it), after
 * the name the token carries. The last page has no next_page_token: that is how clients stop.
 */
export function directoryPage<T extends { name: string }>(
  entries: readonly T[],
  pageSize: number | undefined,
  pageToken: string | undefined,
): { items: T[]; next_page_token?: string } {
  const size = Math.min(pageSize || MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const after = pageToken ? decodeToken(pageToken) : undefined;
  const start = after === undefined ? 0 : entries.findIndex((entry) => entry.name > after);
  const items = start < 0 ? [] : entries.slice(start, start + size);
  const last = items.at(-1);
  const more = start >= 0 && start + size < entries.length;
  return more && last ? { items, next_page_token: encodeToken(last.name) } : { items };
}
