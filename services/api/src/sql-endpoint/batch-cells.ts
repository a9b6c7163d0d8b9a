import type { RecordBatch, Vector } from 'apache-arrow';
import { cellText } from '../sql-engine/arrow-values.js';
import type { ResultColumn } from '../sql-engine/result-format.js';
import type { SqlType } from '../sql-engine/sql-type.js';
import type { Cell } from './column-row-set.js';
import { columnFieldOf } from './column-row-set.js';

/**
 * The cells of Arrow batches for a column-based row set: numbers, booleans and binaries as they
 * are, everything else as the text the Statement Execution API shows (arrow-values.ts).
 */

function cellOf(type: SqlType, vector: Vector, row: number): Cell {
  if (!vector.isValid(row)) return null;
  if (columnFieldOf(type) === 'stringVal') return cellText(type, vector, row);
  return vector.get(row) as Cell;
}

/** The batches' cells column by column (`cells[c][r]`), rows of all batches in order. */
export function batchCells(columns: readonly ResultColumn[], batches: readonly RecordBatch[]): Cell[][] {
  return columns.map((column, index) =>
    batches.flatMap((batch) => {
      const vector = batch.getChildAt(index) as Vector | null;
      return Array.from({ length: batch.numRows }, (_, row) =>
        vector ? cellOf(column.type, vector, row) : null,
      );
    }),
  );
}
