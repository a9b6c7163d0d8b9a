import { type DataType, type Field, Type } from 'apache-arrow';
import type { SqlType } from './sql-type.js';

/**
 * The SQL type of an Arrow field, for a result whose Spark schema did not come with it: the
 * inverse of Spark's ArrowUtils.toArrowType where it is one (INTERVAL fields default to all).
 */
export function sqlTypeOfArrow(type: DataType): SqlType {
  switch (type.typeId) {
    case Type.Null:
      return { kind: 'null' };
    case Type.Bool:
      return { kind: 'boolean' };
    case Type.Int: {
      const bits = (type as DataType & { bitWidth: number }).bitWidth;
      return { kind: bits === 8 ? 'byte' : bits === 16 ? 'short' : bits === 32 ? 'int' : 'long' };
    }
    case Type.Float:
      return { kind: (type as DataType & { precision: number }).precision === 1 ? 'float' : 'double' };
    case Type.Decimal: {
      const { precision, scale } = type as DataType & { precision: number; scale: number };
      return { kind: 'decimal', precision, scale };
    }
    case Type.Utf8:
    case Type.LargeUtf8:
      return { kind: 'string' };
    case Type.Binary:
    case Type.LargeBinary:
      return { kind: 'binary' };
    case Type.Date:
      return { kind: 'date' };
    case Type.Timestamp:
      return {
        kind: (type as DataType & { timezone: string | null }).timezone ? 'timestamp' : 'timestamp_ntz',
      };
    case Type.Interval:
      return { kind: 'year_month_interval', start: 0, end: 1 };
    case Type.Duration:
      return { kind: 'day_time_interval', start: 0, end: 3 };
    case Type.List:
    case Type.LargeList:
      return { kind: 'array', element: sqlTypeOfArrow((type.children[0] as Field).type) };
    case Type.Map: {
      const [key, value] = (type.children[0] as Field).type.children as Field[];
      return {
        kind: 'map',
        key: key ? sqlTypeOfArrow(key.type) : { kind: 'null' },
        value: value ? sqlTypeOfArrow(value.type) : { kind: 'null' },
      };
    }
    case Type.Struct:
      return {
        kind: 'struct',
        fields: (type.children as Field[]).map((field) => ({
          name: field.name,
          type: sqlTypeOfArrow(field.type),
          nullable: field.nullable,
        })),
      };
    default:
      return { kind: 'other', name: 'USER_DEFINED_TYPE', text: String(type).toUpperCase() };
  }
}
