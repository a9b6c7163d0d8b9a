import { invalidParameter } from '../../errors/databricks-error.js';

/**
 * Unity Catalog names: at most 255 characters, no periods, spaces, forward slashes or control
 * characters, and case-insensitive: Unity Catalog stores every name in lower case.
 */

const MAX_NAME_LENGTH = 255;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
const FORBIDDEN = /[.\s/\u0000-\u001f\u007f]/;

/** A name as stored (lower case); throws INVALID_PARAMETER_VALUE for one Unity Catalog refuses. */
export function objectName(raw: string, what: string): string {
  if (raw.length === 0) throw invalidParameter(`The ${what} name must not be empty`);
  if (raw.length > MAX_NAME_LENGTH) {
    throw invalidParameter(`The ${what} name is longer than ${MAX_NAME_LENGTH} characters`);
  }
  if (FORBIDDEN.test(raw)) {
    throw invalidParameter(
      `Invalid ${what} name '${raw}': names cannot contain periods, spaces, forward slashes or control characters`,
    );
  }
  return raw.toLowerCase();
}

/** `catalog.schema` or `catalog.schema.name`, each part checked and lower-cased. */
export function fullNameParts<const N extends 2 | 3>(
  fullName: string,
  parts: N,
  what: string,
): N extends 2 ? [string, string] : [string, string, string] {
  const names = fullName.split('.');
  if (names.length !== parts) {
    const form = parts === 2 ? 'catalog.schema' : 'catalog.schema.name';
    throw invalidParameter(`Invalid ${what} full name '${fullName}': expected the form ${form}`);
  }
  return names.map((name) => objectName(name, what)) as N extends 2
    ? [string, string]
    : [string, string, string];
}
