import { malformedRequest } from '../../errors/databricks-error.js';
import type { FormPart } from '../dbfs/body-encoding.js';

/**
 * The 1.2 API's form bodies (its documented curl examples post forms, `-F command=@file.py` for
 * a command in a file) as the JSON object the routes validate: every field a string, a file
 * part's content as text. A field sent twice keeps its last value, as a JSON object would.
 */

/** `curl -d '{...}'` posts JSON as a form: a body that is a JSON object is read as JSON. */
export function urlEncodedFields(text: string): Record<string, unknown> {
  if (!text.trimStart().startsWith('{')) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw malformedRequest(`Invalid JSON given in the body of the request: ${(error as Error).message}`);
  }
}

export function multipartFields(parts: readonly FormPart[]): Record<string, string> {
  return Object.fromEntries(parts.map((part) => [part.name, part.data.toString('utf8')]));
}
