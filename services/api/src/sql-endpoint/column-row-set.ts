import type { TColumn, TRowSet } from '@databricks/sql/thrift/TCLIService_types.js';
import { Int64 } from 'thrift';
import type { ResultColumn } from '../sql-engine/result-format.js';
import type { SqlType } from '../sql-engine/sql-type.js';
import { ttypes } from './tcli.js';

/**
 * Rows as a column-based TRowSet, HiveServer2's own form: one typed list per column and a bitmap
 * of its NULLs. The endpoint answers it to clients that cannot read Arrow, and for the results of
 * metadata calls. Integers, floating point numbers, booleans and binaries keep their type; every
 * other value travels as text, as the Spark Thrift server sends it.
 */

/** A value of one cell: what a reader of a result column yields, NULL as null. */
export type Cell = boolean | number | bigint | string | Uint8Array | null;

type ColumnField =
  | 'boolVal'
  | 'byteVal'
  | 'i16Val'
  | 'i32Val'
  | 'i64Val'
  | 'doubleVal'
  | 'binaryVal'
  | 'stringVal';

export function columnFieldOf(type: SqlType): ColumnField {
  switch (type.kind) {
    case 'boolean':
      return 'boolVal';
    case 'byte':
      return 'byteVal';
    case 'short':
      return 'i16Val';
    case 'int':
      return 'i32Val';
    case 'long':
      return 'i64Val';
    case 'float':
    case 'double':
      return 'doubleVal';
    case 'binary':
      return 'binaryVal';
    default:
      return 'stringVal';
  }
}

/** Bit i set when value i is NULL, least significant bit first (TBoolColumn.nulls and the like). */
export function nullBitmap(values: readonly Cell[]): Buffer {
  const bitmap = Buffer.alloc(Math.ceil(values.length / 8));
  values.forEach((value, index) => {
    if (value === null) bitmap[index >> 3] = (bitmap[index >> 3] ?? 0) | (1 << (index & 7));
  });
  return bitmap;
}

function bigintOf(value: Cell): bigint {
  if (typeof value === 'bigint') return BigInt.asIntN(64, value);
  if (typeof value === 'number' && Number.isFinite(value))
    return BigInt.asIntN(64, BigInt(Math.trunc(value)));
  return 0n;
}

/** A 64-bit integer exactly: JavaScript numbers lose precision past 2^53. */
function int64Of(value: Cell): Int64 {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(bigintOf(value));
  return new Int64(bytes);
}

function numberOf(value: Cell): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return value === true ? 1 : 0;
}

function textOf(value: Cell): string {
  if (value === null) return '';
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return String(value);
}

function binaryOf(value: Cell): Buffer {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return Buffer.from(value === null ? '' : String(value));
}

/** One column's values (NULLs as the type's zero, flagged in the bitmap). */
export function tColumn(type: SqlType, values: readonly Cell[]): TColumn {
  const nulls = nullBitmap(values);
  switch (columnFieldOf(type)) {
    case 'boolVal':
      return new ttypes.TColumn({
        boolVal: new ttypes.TBoolColumn({ values: values.map((v) => v === true), nulls }),
      });
    case 'byteVal':
      return new ttypes.TColumn({ byteVal: new ttypes.TByteColumn({ values: values.map(numberOf), nulls }) });
    case 'i16Val':
      return new ttypes.TColumn({ i16Val: new ttypes.TI16Column({ values: values.map(numberOf), nulls }) });
    case 'i32Val':
      return new ttypes.TColumn({ i32Val: new ttypes.TI32Column({ values: values.map(numberOf), nulls }) });
    case 'i64Val':
      return new ttypes.TColumn({ i64Val: new ttypes.TI64Column({ values: values.map(int64Of), nulls }) });
    case 'doubleVal':
      return new ttypes.TColumn({
        doubleVal: new ttypes.TDoubleColumn({ values: values.map(numberOf), nulls }),
      });
    case 'binaryVal':
      return new ttypes.TColumn({
        binaryVal: new ttypes.TBinaryColumn({ values: values.map(binaryOf), nulls }),
      });
    case 'stringVal':
      return new ttypes.TColumn({
        stringVal: new ttypes.TStringColumn({ values: values.map(textOf), nulls }),
      });
  }
}

/** Rows (column by column, `values[c][r]`) starting at row `startRowOffset` of the result. */
export function columnRowSet(
  columns: readonly ResultColumn[],
  values: readonly (readonly Cell[])[],
  startRowOffset: number,
): TRowSet {
  return new ttypes.TRowSet({
    startRowOffset: new Int64(startRowOffset),
    rows: [],
    columns: columns.map((column, index) => tColumn(column.type, values[index] ?? [])),
    columnCount: columns.length,
  });
}
