import type {
  TColumnDesc,
  TTableSchema,
  TTypeId,
  TTypeQualifierValue,
} from '@databricks/sql/thrift/TCLIService_types.js';
import type { ResultColumn } from '../sql-engine/result-format.js';
import type { SqlType } from '../sql-engine/sql-type.js';
import { ttypes } from './tcli.js';

/**
 * Result columns as TCLIService describes them (TTableSchema). Every column is a primitive
 * entry, complex types too (ARRAY_TYPE, ...): that is what the Spark Thrift server sends, and
 * the connectors read the first entry only. The connectors name a column's type after its TTypeId
 * (`INT_TYPE` is `int` in cursor.description), so the ids follow Spark's: TIMESTAMP_NTZ is a
 * TIMESTAMP, and types a Thrift client cannot hold natively (VARIANT, TIME, geospatial) are
 * STRING, their values text.
 */

const T = ttypes.TTypeId;

const TYPE_IDS: Readonly<Record<SqlType['kind'], TTypeId>> = {
  null: T.NULL_TYPE,
  boolean: T.BOOLEAN_TYPE,
  byte: T.TINYINT_TYPE,
  short: T.SMALLINT_TYPE,
  int: T.INT_TYPE,
  long: T.BIGINT_TYPE,
  float: T.FLOAT_TYPE,
  double: T.DOUBLE_TYPE,
  string: T.STRING_TYPE,
  binary: T.BINARY_TYPE,
  date: T.DATE_TYPE,
  timestamp: T.TIMESTAMP_TYPE,
  timestamp_ntz: T.TIMESTAMP_TYPE,
  variant: T.STRING_TYPE,
  decimal: T.DECIMAL_TYPE,
  char: T.CHAR_TYPE,
  varchar: T.VARCHAR_TYPE,
  year_month_interval: T.INTERVAL_YEAR_MONTH_TYPE,
  day_time_interval: T.INTERVAL_DAY_TIME_TYPE,
  array: T.ARRAY_TYPE,
  map: T.MAP_TYPE,
  struct: T.STRUCT_TYPE,
  other: T.STRING_TYPE,
};

export function typeIdOf(type: SqlType): TTypeId {
  return TYPE_IDS[type.kind];
}

function i32(value: number): TTypeQualifierValue {
  return new ttypes.TTypeQualifierValue({ i32Value: value });
}

/** Precision and scale of a DECIMAL, the length of a CHAR or VARCHAR: the connectors need them. */
function qualifiersOf(type: SqlType): Record<string, TTypeQualifierValue> | undefined {
  switch (type.kind) {
    case 'decimal':
      return { [ttypes.PRECISION]: i32(type.precision), [ttypes.SCALE]: i32(type.scale) };
    case 'char':
    case 'varchar':
      return { [ttypes.CHARACTER_MAXIMUM_LENGTH]: i32(type.length) };
    default:
      return undefined;
  }
}

export function columnDescriptor(column: ResultColumn, index: number): TColumnDesc {
  const qualifiers = qualifiersOf(column.type);
  const primitiveEntry = new ttypes.TPrimitiveTypeEntry({
    type: typeIdOf(column.type),
    ...(qualifiers && { typeQualifiers: new ttypes.TTypeQualifiers({ qualifiers }) }),
  });
  return new ttypes.TColumnDesc({
    columnName: column.name,
    typeDesc: new ttypes.TTypeDesc({ types: [new ttypes.TTypeEntry({ primitiveEntry })] }),
    // HiveServer2 numbers columns from 1.
    position: index + 1,
  });
}

export function tableSchema(columns: readonly ResultColumn[]): TTableSchema {
  return new ttypes.TTableSchema({ columns: columns.map(columnDescriptor) });
}
