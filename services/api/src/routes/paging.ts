import { invalidParameter } from '../errors/databricks-error.js';

/** Page tokens are opaque to clients: the base64url of the next offset. */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

export function decodePageToken(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the error below
  }
  throw invalidParameter(`Invalid page_token ${token}`);
}

export interface Page<T> {
  items: T[];
  tokens: { next_page_token?: string; prev_page_token?: string };
}

/** One page of `items`: everything when no page size is asked for, as the 2.0 list APIs do. */
export function pageOf<T>(items: T[], pageSize: number | undefined, pageToken: string | undefined): Page<T> {
  const offset = pageToken ? decodePageToken(pageToken) : 0;
  if (pageSize === undefined && offset === 0) return { items, tokens: {} };
  const size = pageSize ?? items.length;
  const tokens: Page<T>['tokens'] = {};
  if (offset + size < items.length) tokens.next_page_token = encodePageToken(offset + size);
  if (offset > 0) tokens.prev_page_token = encodePageToken(Math.max(0, offset - size));
  return { items: items.slice(offset, offset + size), tokens };
}

/**
 * has_more and the page tokens of a page of the Jobs API (2.1+), which pages by offset and limit:
 * the page starts at `start` of `total` items.
 */
export function offsetPageTokens(
  start: number,
  limit: number,
  total: number,
): { has_more: boolean; next_page_token?: string; prev_page_token?: string } {
  const hasMore = start + limit < total;
  return {
    has_more: hasMore,
    ...(hasMore ? { next_page_token: encodePageToken(start + limit) } : {}),
    ...(start > 0 ? { prev_page_token: encodePageToken(Math.max(0, start - limit)) } : {}),
  };
}
