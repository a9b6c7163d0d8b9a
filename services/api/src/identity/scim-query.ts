import { filter as compileFilter, parse as parseFilter } from 'scim2-parse-filter';
import { invalidParameter } from '../errors/databricks-error.js';
import { ScimSchemas } from './scim-representation.js';

type ScimObject = Record<string, unknown>;

/** The query parameters every SCIM list takes (RFC 7644 §3.4.2). */
export interface ScimListQuery {
  filter?: string | undefined;
  attributes?: string | undefined;
  excludedAttributes?: string | undefined;
  /** 1-based. */
  startIndex?: number | undefined;
  count?: number | undefined;
  sortBy?: string | undefined;
  sortOrder?: 'ascending' | 'descending' | undefined;
}

/** What a list answers when the client names no count: more than any workspace here holds. */
const DEFAULT_COUNT = 10_000;
/** Always returned, whatever `attributes` asks for (RFC 7644 §7: "returned: always"). */
const ALWAYS_RETURNED = ['id', 'schemas'];

function matcher(expression: string | undefined): (resource: ScimObject) => boolean {
  if (!expression) return () => true;
  try {
    return compileFilter(parseFilter(expression));
  } catch (error) {
    throw invalidParameter(`Invalid filter '${expression}': ${(error as Error).message}`);
  }
}

function attributeList(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

/** Keeps the attributes asked for (top level; `emails.value` keeps `emails`), or drops the excluded. */
function project(resource: ScimObject, query: ScimListQuery): ScimObject {
  const wanted = attributeList(query.attributes).map((name) => name.split('.')[0]?.toLowerCase());
  const excluded = attributeList(query.excludedAttributes).map((name) => name.toLowerCase());
  return Object.fromEntries(
    Object.entries(resource).filter(([key]) => {
      const name = key.toLowerCase();
      if (ALWAYS_RETURNED.includes(key)) return true;
      if (wanted.length > 0) return wanted.includes(name);
      return !excluded.includes(name);
    }),
  );
}

function sortKey(resource: ScimObject, attribute: string): string {
  const value = resource[attribute];
  return typeof value === 'string' ? value.toLowerCase() : String(value ?? '');
}

/**
 * One page of a SCIM list: filtered, sorted, then cut at `startIndex` (1-based) for `count`. A
 * start past the end answers an empty page, which is how the SDKs know they have read it all.
 */
export function scimListResponse(resources: ScimObject[], query: ScimListQuery) {
  const matches = resources.filter(matcher(query.filter));
  if (query.sortBy) {
    const attribute = query.sortBy;
    const direction = query.sortOrder === 'descending' ? -1 : 1;
    matches.sort((a, b) => sortKey(a, attribute).localeCompare(sortKey(b, attribute)) * direction);
  }
  const startIndex = Math.max(1, query.startIndex ?? 1);
  const count = query.count ?? DEFAULT_COUNT;
  const page = matches
    .slice(startIndex - 1, startIndex - 1 + count)
    .map((resource) => project(resource, query));
  return {
    schemas: [ScimSchemas.listResponse],
    totalResults: matches.length,
    startIndex,
    itemsPerPage: page.length,
    Resources: page,
  };
}
