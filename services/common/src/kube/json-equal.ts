import { isDeepStrictEqual } from 'node:util';

/** JSON as the apiserver stores it: undefined fields dropped, class instances as plain objects. */
function asJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * Deep equality of two values as JSON: field order, undefined fields and the difference between a
 * client-node model instance and a plain object literal do not count.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(asJson(a), asJson(b));
}
