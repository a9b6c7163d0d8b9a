import { invalidParameter, malformedRequest } from '../../errors/databricks-error.js';

/** The largest secret value Databricks takes: 128 KB. */
export const MAX_VALUE_BYTES = 128 * 1024;

/** Standard base64 with its padding, as the SDKs send bytes_value. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface PutValue {
  string_value?: string | undefined;
  bytes_value?: string | undefined;
}

/**
 * A put's value as base64, the form the scope's Secret and secrets/get hold it in: exactly one
 * of string_value (stored as its UTF-8 bytes) and bytes_value (base64) is given.
 */
export function encodedValue({ string_value: text, bytes_value: bytes }: PutValue): string {
  if (text !== undefined && bytes !== undefined) {
    throw malformedRequest('Give exactly one of string_value and bytes_value, not both');
  }
  let value: Buffer;
  if (text !== undefined) {
    value = Buffer.from(text, 'utf8');
  } else if (bytes !== undefined) {
    if (!BASE64.test(bytes)) throw invalidParameter('bytes_value must be base64-encoded');
    value = Buffer.from(bytes, 'base64');
  } else {
    throw invalidParameter('One of string_value and bytes_value must be given');
  }
  if (value.length > MAX_VALUE_BYTES) {
    throw invalidParameter(`A secret value may not exceed 128 KB; this one has ${value.length} bytes`);
  }
  return value.toString('base64');
}
