import {
  Binary,
  Bool,
  type DataType,
  DateDay,
  Decimal,
  Field,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  List,
  Map_,
  Null,
  Struct,
  Timestamp,
  TimeUnit,
  Utf8,
} from 'apache-arrow';
import type { SqlType } from '../sql-engine/sql-type.js';

/**
 * Which result columns go to a client in Spark's own Arrow types, and the Arrow type of a column
 * that has no batch to copy it from (an empty result).
 */

/** The TSparkArrowTypes a client asked for: what it can read as Arrow rather than as text. */
export interface ArrowNativeTypes {
  timestamps: boolean;
  decimals: boolean;
  complexTypes: boolean;
}

/**
 * Intervals, VARIANT and Spark's other types always travel as text: pyarrow cannot read Spark's
 * Arrow intervals (the connector says so, and asks for them as text), and a VARIANT is two
 * binaries no client decodes. A complex type is native only when all it holds is.
 */
export function travelsNatively(type: SqlType, native: ArrowNativeTypes): boolean {
  switch (type.kind) {
    case 'timestamp':
    case 'timestamp_ntz':
      return native.timestamps;
    case 'decimal':
      return native.decimals;
    case 'array':
      return native.complexTypes && travelsNatively(type.element, native);
    case 'map':
      return native.complexTypes && travelsNatively(type.key, native) && travelsNatively(type.value, native);
    case 'struct':
      return native.complexTypes && type.fields.every((field) => travelsNatively(field.type, native));
    case 'year_month_interval':
    case 'day_time_interval':
    case 'variant':
    case 'other':
      return false;
    default:
      return true;
  }
}

/** The Arrow type Spark Connect sends a column of this type in (ArrowUtils.toArrowType). */
export function arrowTypeOf(type: SqlType): DataType {
  switch (type.kind) {
    case 'null':
      return new Null();
    case 'boolean':
      return new Bool();
    case 'byte':
      return new Int8();
    case 'short':
      return new Int16();
    case 'int':
      return new Int32();
    case 'long':
      return new Int64();
    case 'float':
      return new Float32();
    case 'double':
      return new Float64();
    case 'binary':
      return new Binary();
    case 'date':
      return new DateDay();
    case 'timestamp':
      return new Timestamp(TimeUnit.MICROSECOND, 'UTC');
    case 'timestamp_ntz':
      return new Timestamp(TimeUnit.MICROSECOND);
    case 'decimal':
      return new Decimal(type.scale, type.precision, 128);
    case 'array':
      return new List(new Field('element', arrowTypeOf(type.element), true));
    case 'map':
      return new Map_(
        new Field(
          'entries',
          new Struct<{ key: DataType; value: DataType }>([
            new Field('key', arrowTypeOf(type.key), false),
            new Field('value', arrowTypeOf(type.value), true),
          ]),
          false,
        ),
      );
    case 'struct':
      return new Struct(
        type.fields.map((field) => new Field(field.name, arrowTypeOf(field.type), field.nullable)),
      );
    default:
      return new Utf8();
  }
}
