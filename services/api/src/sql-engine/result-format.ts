import { type RecordBatch, RecordBatchStreamWriter, type Vector } from 'apache-arrow';
import { cellText } from './arrow-values.js';
import type { SqlType } from './sql-type.js';

/**
 * The three result formats of the Statement Execution API, written chunk by chunk:
 * - JSON_ARRAY: compact JSON, an array of rows, each an array of text or null;
 * - CSV: RFC 4180 fields, NULL as `null`, the header only in the first chunk;
 * - ARROW_STREAM: an Arrow IPC stream of the batches Spark sent, sliced at chunk bounds.
 */
export const RESULT_FORMATS = ['JSON_ARRAY', 'ARROW_STREAM', 'CSV'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

/** A result column: its name and its SQL type. */
export interface ResultColumn {
  name: string;
  type: SqlType;
}

/** One batch of rows, formatted: what each row weighs, and slices of it to put into chunks. */
export interface FormattedBatch {
  rowCount: number;
  /** The bytes row `row` adds to a chunk (for ARROW_STREAM, an even share of the batch). */
  rowBytes(row: number): number;
  slice(from: number, to: number): ChunkPart;
}

/** Rows of one batch on their way into a chunk. */
export type ChunkPart = { lines: string[] } | { batch: RecordBatch };

/** Formats batches and assembles chunks of one result. */
export interface ResultWriter {
  format(batch: RecordBatch, arrowBytes: number): FormattedBatch;
  chunk(parts: ChunkPart[], chunkIndex: number): Buffer;
}

/** Rows of a batch as cells of text (null for NULL), column by column as the schema says. */
function rowCells(columns: readonly ResultColumn[], batch: RecordBatch, row: number): (string | null)[] {
  return columns.map((column, position) => {
    const vector = batch.getChildAt(position) as Vector | null;
    return vector ? cellText(column.type, vector, row) : null;
  });
}

function textBatch(
  columns: readonly ResultColumn[],
  batch: RecordBatch,
  line: (cells: (string | null)[]) => string,
): FormattedBatch {
  const lines = Array.from({ length: batch.numRows }, (_, row) => line(rowCells(columns, batch, row)));
  return {
    rowCount: lines.length,
    rowBytes: (row) => Buffer.byteLength(lines[row] ?? '') + 1,
    slice: (from, to) => ({ lines: lines.slice(from, to) }),
  };
}

function linesOf(parts: ChunkPart[]): string[] {
  return parts.flatMap((part) => ('lines' in part ? part.lines : []));
}

/** A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvLine(cells: readonly (string | null)[]): string {
  return cells.map((cell) => (cell === null ? 'null' : csvField(cell))).join(',');
}

function jsonWriter(columns: readonly ResultColumn[]): ResultWriter {
  return {
    format: (batch) => textBatch(columns, batch, (cells) => JSON.stringify(cells)),
    chunk: (parts) => Buffer.from(`[${linesOf(parts).join(',')}]`),
  };
}

function csvWriter(columns: readonly ResultColumn[]): ResultWriter {
  const header = csvLine(columns.map((column) => column.name));
  return {
    format: (batch) => textBatch(columns, batch, csvLine),
    chunk: (parts, chunkIndex) => {
      const lines = chunkIndex === 0 ? [header, ...linesOf(parts)] : linesOf(parts);
      return Buffer.from(lines.map((line) => `${line}\n`).join(''));
    },
  };
}

function arrowWriter(): ResultWriter {
  return {
    format: (batch, arrowBytes) => {
      const perRow = batch.numRows > 0 ? arrowBytes / batch.numRows : 0;
      return {
        rowCount: batch.numRows,
        rowBytes: () => perRow,
        slice: (from, to) => ({ batch: batch.slice(from, to) }),
      };
    },
    chunk: (parts) => {
      const batches = parts.flatMap((part) => ('batch' in part ? [part.batch] : []));
      const bytes = RecordBatchStreamWriter.writeAll(batches).toUint8Array(true);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  };
}

export function resultWriter(format: ResultFormat, columns: readonly ResultColumn[]): ResultWriter {
  switch (format) {
    case 'CSV':
      return csvWriter(columns);
    case 'ARROW_STREAM':
      return arrowWriter();
    default:
      return jsonWriter(columns);
  }
}
