import { type Data, makeVector, TimeUnit, type Vector } from 'apache-arrow';
import type { SqlType } from './sql-type.js';
import {
  binaryText,
  dateText,
  dayTimeIntervalText,
  decimalText,
  doubleText,
  floatText,
  timestampText,
  yearMonthIntervalText,
} from './value-text.js';

/**
 * Values of Arrow vectors (as Spark Connect encodes each SQL type: ArrowUtils.toArrowType) in the
 * JSON_ARRAY form: scalars as text; ARRAY, MAP and STRUCT as JSON text whose leaves are text.
 * Wide values are read from the buffers, not through Vector.get, which turns 64-bit timestamps
 * into lossy doubles.
 */

/** A nested value: text leaves, arrays, objects, and null. */
type Nested = string | null | Nested[] | { [key: string]: Nested };

const MICROS_PER_UNIT: Readonly<Record<number, bigint>> = {
  [TimeUnit.SECOND]: 1_000_000n,
  [TimeUnit.MILLISECOND]: 1000n,
  [TimeUnit.MICROSECOND]: 1n,
};

/** The chunk of a vector that holds row `index`, and the row's index in that chunk's buffers. */
function locate(vector: Vector, index: number): { data: Data; at: number } {
  let rest = index;
  for (const data of vector.data) {
    if (rest < data.length) return { data, at: data.offset + rest };
    rest -= data.length;
  }
  throw new RangeError(`Row ${index} is past the end of a vector of ${vector.length}`);
}

function int64At(vector: Vector, index: number): bigint {
  const { data, at } = locate(vector, index);
  return (data.values as BigInt64Array)[at] as bigint;
}

function int32At(vector: Vector, index: number): number {
  const { data, at } = locate(vector, index);
  return (data.values as Int32Array)[at] as number;
}

/** A Decimal128 as its unscaled integer: four little-endian 32-bit words, two's complement. */
function decimalAt(vector: Vector, index: number): bigint {
  const { data, at } = locate(vector, index);
  const words = data.values as Uint32Array;
  let value = 0n;
  for (let word = 3; word >= 0; word--) value = (value << 32n) | BigInt(words[at * 4 + word] as number);
  return BigInt.asIntN(128, value);
}

/** Microseconds of a Timestamp or Duration value, whatever unit Arrow carries it in. */
function microsAt(vector: Vector, index: number): bigint {
  const unit = (vector.type as { unit: number }).unit;
  const raw = int64At(vector, index);
  if (unit === TimeUnit.NANOSECOND) return raw / 1000n;
  return raw * (MICROS_PER_UNIT[unit] ?? 1n);
}

function mapValue(type: SqlType & { kind: 'map' }, vector: Vector, index: number): Nested {
  const { data, at } = locate(vector, index);
  const offsets = data.valueOffsets as Int32Array;
  const entries = data.children[0];
  if (!entries) return {};
  const keys = makeVector(entries.children[0] as Data);
  const values = makeVector(entries.children[1] as Data);
  const map: Record<string, Nested> = {};
  for (let entry = offsets[at] as number; entry < (offsets[at + 1] as number); entry++) {
    const key = nestedValue(type.key, keys, entry);
    map[typeof key === 'string' ? key : JSON.stringify(key)] = nestedValue(type.value, values, entry);
  }
  return map;
}

function structValue(type: SqlType & { kind: 'struct' }, vector: Vector, index: number): Nested {
  const struct: Record<string, Nested> = {};
  type.fields.forEach((field, position) => {
    const child = vector.getChildAt(position);
    struct[field.name] = child ? nestedValue(field.type, child, index) : null;
  });
  return struct;
}

/** Anything else (calendar intervals, TIME, ...) as the text of what Arrow decodes. */
function otherText(value: unknown): string {
  if (value instanceof Uint8Array) return binaryText(value);
  if (typeof value === 'object' && value !== null) {
    return JSON.stringify(value, (_key, inner: unknown) =>
      typeof inner === 'bigint' ? inner.toString() : inner,
    );
  }
  return String(value);
}

function nestedValue(type: SqlType, vector: Vector, index: number): Nested {
  if (!vector.isValid(index)) return null;
  switch (type.kind) {
    case 'null':
      return null;
    case 'boolean':
      return vector.get(index) ? 'true' : 'false';
    case 'byte':
    case 'short':
    case 'int':
      return String(vector.get(index));
    case 'long':
      return int64At(vector, index).toString();
    case 'float':
      return floatText(vector.get(index) as number);
    case 'double':
      return doubleText(vector.get(index) as number);
    case 'decimal':
      return decimalText(decimalAt(vector, index), type.scale);
    case 'string':
    case 'char':
    case 'varchar':
      return vector.get(index) as string;
    case 'binary':
      return binaryText(vector.get(index) as Uint8Array);
    case 'date':
      return dateText(int32At(vector, index));
    case 'timestamp':
    case 'timestamp_ntz':
      return timestampText(microsAt(vector, index), type.kind === 'timestamp');
    case 'year_month_interval':
      return yearMonthIntervalText(int32At(vector, index), type.start, type.end);
    case 'day_time_interval':
      return dayTimeIntervalText(microsAt(vector, index), type.start, type.end);
    case 'array': {
      const elements = vector.get(index) as Vector;
      return Array.from({ length: elements.length }, (_, element) =>
        nestedValue(type.element, elements, element),
      );
    }
    case 'map':
      return mapValue(type, vector, index);
    case 'struct':
      return structValue(type, vector, index);
    default:
      return otherText(vector.get(index));
  }
}

/** The JSON_ARRAY text of one value (null for SQL NULL): complex values are JSON in one string. */
export function cellText(type: SqlType, vector: Vector, index: number): string | null {
  const value = nestedValue(type, vector, index);
  return value === null || typeof value === 'string' ? value : JSON.stringify(value);
}
