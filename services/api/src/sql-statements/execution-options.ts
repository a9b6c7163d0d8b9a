import { invalidParameter } from '../errors/databricks-error.js';
import { RESULT_FORMATS, type ResultFormat } from '../sql-engine/result-format.js';
import { DISPOSITIONS, type Disposition } from './statement-record.js';

/**
 * The execution options of a statement request, checked as Databricks checks them: an unknown
 * disposition, format or on_wait_timeout is ignored (the default applies); out-of-range waits and
 * limits, and INLINE with a format other than JSON_ARRAY, are refused with 400.
 */

export interface ExecutionRequest {
  wait_timeout?: string | undefined;
  on_wait_timeout?: string | undefined;
  disposition?: string | undefined;
  format?: string | undefined;
  row_limit?: number | undefined;
  byte_limit?: number | undefined;
}

export interface ExecutionOptions {
  /** 0 answers at once; otherwise how long the request waits for the statement to end. */
  waitMs: number;
  cancelOnTimeout: boolean;
  disposition: Disposition;
  format: ResultFormat;
  rowLimit?: number;
  byteLimit?: number;
}

const DEFAULT_WAIT_MS = 10_000;
const MAX_ROW_LIMIT = 2 ** 31 - 1;
/** byte_limit: up to 25 MiB inline; EXTERNAL_LINKS results are capped at 100 GiB. */
const MAX_BYTE_LIMIT: Readonly<Record<Disposition, number>> = {
  INLINE: 25 * 1024 * 1024,
  EXTERNAL_LINKS: 100 * 1024 ** 3,
};

/** `wait_timeout` in milliseconds: `0s`, or `5s` to `50s`; 10 s when absent. */
export function waitTimeoutMs(text: string | undefined): number {
  if (text === undefined) return DEFAULT_WAIT_MS;
  const match = text.trim().match(/^(\d+(?:\.\d+)?)s$/);
  if (!match) throw invalidParameter('Error while parsing type: duration.');
  const seconds = Number(match[1]);
  if (seconds !== 0 && (seconds < 5 || seconds > 50)) {
    throw invalidParameter(
      'The wait_timeout field must be 0 seconds (disables wait), or between 5 seconds and 50 seconds.',
    );
  }
  return seconds * 1000;
}

function oneOf<T extends string>(values: readonly T[], value: string | undefined, fallback: T): T {
  return values.find((known) => known === value) ?? fallback;
}

export function executionOptions(request: ExecutionRequest): ExecutionOptions {
  const disposition = oneOf(DISPOSITIONS, request.disposition, 'INLINE');
  const format = oneOf(RESULT_FORMATS, request.format, 'JSON_ARRAY');
  if (disposition === 'INLINE' && format !== 'JSON_ARRAY') {
    throw invalidParameter(
      'Incompatible parameters: The format field must be JSON_ARRAY when the disposition field is INLINE.',
    );
  }
  const { row_limit: rowLimit, byte_limit: byteLimit } = request;
  if (rowLimit !== undefined && (!Number.isInteger(rowLimit) || rowLimit < 0 || rowLimit > MAX_ROW_LIMIT)) {
    throw invalidParameter(`row_limit must be an integer between 0 and ${MAX_ROW_LIMIT}.`);
  }
  const maxBytes = MAX_BYTE_LIMIT[disposition];
  if (byteLimit !== undefined && (!Number.isInteger(byteLimit) || byteLimit < 1 || byteLimit > maxBytes)) {
    throw invalidParameter(
      `byte_limit must be an integer between 1 and ${maxBytes} for the ${disposition} disposition.`,
    );
  }
  return {
    waitMs: waitTimeoutMs(request.wait_timeout),
    cancelOnTimeout: request.on_wait_timeout === 'CANCEL',
    disposition,
    format,
    ...(rowLimit !== undefined && { rowLimit }),
    ...(byteLimit !== undefined && { byteLimit }),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A statement id of a path: a UUID, as Databricks parses it. */
export function checkStatementId(id: string): string {
  if (!UUID.test(id)) throw invalidParameter('Error while parsing type: statement_id.');
  return id.toLowerCase();
}
