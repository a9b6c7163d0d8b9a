import { DatabricksError, invalidParameter, malformedRequest } from '../../errors/databricks-error.js';

/**
 * Request bodies of the storage APIs besides plain JSON: base64 fields, and multipart/form-data
 * (DBFS put with a posted file, which the CLI sends; workspace import through the SDK's upload).
 */

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Strictly decoded base64 (standard or URL-safe, padding optional, line breaks ignored). */
export function decodeBase64(value: string, field: string): Buffer {
  const compact = value.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) {
    throw invalidParameter(`The ${field} field is not valid base64`);
  }
  return Buffer.from(compact, 'base64');
}

/** A size limit of the Databricks storage APIs, with its own error code. */
export function assertMaxBytes(bytes: number, max: number, code: string, what: string): void {
  if (bytes > max) {
    throw new DatabricksError(400, code, `${what} is ${bytes} bytes, over the limit of ${max} bytes`);
  }
}

export interface FormPart {
  name: string;
  /** Present (possibly empty) for file parts. */
  filename: string | undefined;
  data: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

function parameterOf(header: string, name: string): string | undefined {
  const pattern = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const match of header.matchAll(pattern)) {
    if (match[1]?.toLowerCase() === name) return (match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1').trim();
  }
  return undefined;
}

/** The parts of a multipart/form-data body (RFC 7578). */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const boundary = parameterOf(contentType, 'boundary');
  if (!boundary) throw malformedRequest('multipart/form-data without a boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) throw malformedRequest('multipart/form-data body without its boundary');
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') return parts;
    if (!body.subarray(position, position + 2).equals(CRLF)) {
      throw malformedRequest('Malformed multipart boundary');
    }
    const headersStart = position + 2;
    const headersEnd = body.indexOf(HEADER_END, headersStart);
    if (headersEnd < 0) throw malformedRequest('Malformed multipart part headers');
    const headers = body.subarray(headersStart, headersEnd).toString('utf8').split('\r\n');
    const dataStart = headersEnd + HEADER_END.length;
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), dataStart);
    if (next < 0) throw malformedRequest('multipart/form-data body is not terminated');
    const disposition = headers.find((line) => line.toLowerCase().startsWith('content-disposition:')) ?? '';
    const name = parameterOf(disposition, 'name');
    if (name === undefined) throw malformedRequest('A multipart part has no name');
    parts.push({
      name,
      filename: parameterOf(disposition, 'filename'),
      data: body.subarray(dataStart, next),
    });
    position = next + CRLF.length;
  }
}

/**
 * A form as the JSON body the same route takes: file parts as base64 (the form of the JSON
 * fields they stand for), 'true'/'false' in any case as booleans, other fields as strings.
 */
export function formToBody(parts: readonly FormPart[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const part of parts) {
    if (part.filename !== undefined) {
      body[part.name] = part.data.toString('base64');
      continue;
    }
    const text = part.data.toString('utf8');
    body[part.name] = /^(true|false)$/i.test(text) ? text.toLowerCase() === 'true' : text;
  }
  return body;
}

export function isFormRequest(contentType: string | undefined): boolean {
  return contentType?.toLowerCase().startsWith('multipart/form-data') ?? false;
}
