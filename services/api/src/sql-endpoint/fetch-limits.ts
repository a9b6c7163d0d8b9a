import { Int64 } from 'thrift';
import type { FetchRequest } from './operation.js';

/** Bounds on what one fetch answers, whatever the client allows: its rows are built in the API's memory. */
const MAX_ROWS = 1_000_000;
const MAX_BYTES = 16 * 1024 * 1024;

/** An i64 of a request (node-int64 on the wire), as a number; undefined when absent. */
export function numberOf(value: unknown): number | undefined {
  if (value instanceof Int64) return value.toNumber(true);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function bounded(value: number | undefined, max: number): number {
  return Math.min(Math.max(1, Math.trunc(value ?? max)), max);
}

export function fetchRequest(maxRows: unknown, maxBytes: unknown, fromStart = false): FetchRequest {
  return {
    maxRows: bounded(numberOf(maxRows), MAX_ROWS),
    maxBytes: bounded(numberOf(maxBytes), MAX_BYTES),
    fromStart,
  };
}
