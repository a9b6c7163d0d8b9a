import type { SqlType } from './sql-type.js';

/** A result column as the Statement Execution API describes it (sdk-py sql.py ColumnInfo). */
export interface ColumnInfo {
  name: string;
  position: number;
  type_name: string;
  type_text: string;
  type_precision?: number;
  type_scale?: number;
  type_interval_type?: string;
}

const YEAR_MONTH_FIELDS = ['YEAR', 'MONTH'];
const DAY_TIME_FIELDS = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];

/** `YEAR TO MONTH`, or `YEAR` when the interval has one field. */
function intervalFields(names: string[], start: number, end: number): string {
  const from = names[start] ?? names[0];
  return start === end ? `${from}` : `${from} TO ${names[end] ?? names.at(-1)}`;
}

/** Names as Spark writes them in a type: backquoted unless plain (StructType.sql, quoteIfNeeded). */
function quoteIfNeeded(name: string): string {
  return /^[a-zA-Z0-9_]+$/.test(name) && !/^\d+$/.test(name) ? name : `\`${name.replaceAll('`', '``')}\``;
}

/** `type_name`: the base type, with Databricks' names for the integers (BYTE, SHORT, LONG). */
const TYPE_NAMES: Readonly<Record<SqlType['kind'], string>> = {
  null: 'NULL',
  boolean: 'BOOLEAN',
  byte: 'BYTE',
  short: 'SHORT',
  int: 'INT',
  long: 'LONG',
  float: 'FLOAT',
  double: 'DOUBLE',
  string: 'STRING',
  binary: 'BINARY',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  timestamp_ntz: 'TIMESTAMP_NTZ',
  variant: 'VARIANT',
  decimal: 'DECIMAL',
  char: 'CHAR',
  varchar: 'STRING',
  year_month_interval: 'INTERVAL',
  day_time_interval: 'INTERVAL',
  array: 'ARRAY',
  map: 'MAP',
  struct: 'STRUCT',
  other: 'USER_DEFINED_TYPE',
};

/** `type_text`: the full SQL type as Spark writes it, e.g. `MAP<STRING, ARRAY<DECIMAL(10,2)>>`. */
function typeText(type: SqlType): string {
  switch (type.kind) {
    case 'null':
      return 'VOID';
    case 'byte':
      return 'TINYINT';
    case 'short':
      return 'SMALLINT';
    case 'long':
      return 'BIGINT';
    case 'decimal':
      return `DECIMAL(${type.precision},${type.scale})`;
    case 'char':
      return `CHAR(${type.length})`;
    case 'varchar':
      return `VARCHAR(${type.length})`;
    case 'year_month_interval':
      return `INTERVAL ${intervalFields(YEAR_MONTH_FIELDS, type.start, type.end)}`;
    case 'day_time_interval':
      return `INTERVAL ${intervalFields(DAY_TIME_FIELDS, type.start, type.end)}`;
    case 'array':
      return `ARRAY<${typeText(type.element)}>`;
    case 'map':
      return `MAP<${typeText(type.key)}, ${typeText(type.value)}>`;
    case 'struct':
      return `STRUCT<${type.fields
        .map(
          (field) =>
            `${quoteIfNeeded(field.name)}: ${typeText(field.type)}${field.nullable ? '' : ' NOT NULL'}`,
        )
        .join(', ')}>`;
    case 'other':
      return type.text;
    default:
      return TYPE_NAMES[type.kind];
  }
}

export function columnInfo(name: string, position: number, type: SqlType): ColumnInfo {
  const info: ColumnInfo = {
    name,
    position,
    type_name: type.kind === 'other' ? type.name : TYPE_NAMES[type.kind],
    type_text: typeText(type),
  };
  if (type.kind === 'decimal') {
    info.type_precision = type.precision;
    info.type_scale = type.scale;
  }
  if (type.kind === 'year_month_interval') {
    info.type_interval_type = intervalFields(YEAR_MONTH_FIELDS, type.start, type.end);
  }
  if (type.kind === 'day_time_interval') {
    info.type_interval_type = intervalFields(DAY_TIME_FIELDS, type.start, type.end);
  }
  return info;
}
