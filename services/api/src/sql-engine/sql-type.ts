/**
 * The type of a result column as Spark SQL knows it, from the `DataType` Spark Connect sends with
 * a result (spark/connect/types.proto). Values are rendered and columns described from it: Arrow
 * alone loses what SQL clients see (an INTERVAL's fields, CHAR and VARCHAR, a TIMESTAMP's zone).
 */
export type SqlType =
  | {
      kind:
        | 'null'
        | 'boolean'
        | 'byte'
        | 'short'
        | 'int'
        | 'long'
        | 'float'
        | 'double'
        | 'string'
        | 'binary'
        | 'date'
        | 'timestamp'
        | 'timestamp_ntz'
        | 'variant';
    }
  | { kind: 'decimal'; precision: number; scale: number }
  | { kind: 'char' | 'varchar'; length: number }
  /** Fields of YEAR TO MONTH: 0 YEAR, 1 MONTH. */
  | { kind: 'year_month_interval'; start: number; end: number }
  /** Fields of DAY TO SECOND: 0 DAY, 1 HOUR, 2 MINUTE, 3 SECOND. */
  | { kind: 'day_time_interval'; start: number; end: number }
  | { kind: 'array'; element: SqlType }
  | { kind: 'map'; key: SqlType; value: SqlType }
  | { kind: 'struct'; fields: StructField[] }
  /** Types rendered as Spark's own text (calendar intervals, TIME, geospatial, user-defined types). */
  | { kind: 'other'; name: string; text: string };

interface StructField {
  name: string;
  type: SqlType;
  nullable: boolean;
}

/** A decoded `spark.connect.DataType` (protobufjs object, oneof `kind` set). */
export interface DataTypeMessage {
  kind?: string;
  [kind: string]: unknown;
}

interface IntervalFields {
  start_field?: number;
  end_field?: number;
}

interface StructMessage {
  fields?: { name?: string; data_type?: DataTypeMessage; nullable?: boolean }[];
}

const SIMPLE_KINDS: Readonly<Record<string, SqlType['kind']>> = {
  null: 'null',
  boolean: 'boolean',
  byte: 'byte',
  short: 'short',
  integer: 'int',
  long: 'long',
  float: 'float',
  double: 'double',
  string: 'string',
  binary: 'binary',
  date: 'date',
  timestamp: 'timestamp',
  timestamp_ntz: 'timestamp_ntz',
  variant: 'variant',
};

function intervalOf(
  kind: 'year_month_interval' | 'day_time_interval',
  fields: IntervalFields | undefined,
  lastField: number,
): SqlType {
  const start = fields?.start_field ?? 0;
  return { kind, start, end: fields?.end_field ?? (fields?.start_field === undefined ? lastField : start) };
}

/** The SqlType of a Spark Connect DataType; kinds this API does not render become `other`. */
export function sqlTypeOf(message: DataTypeMessage | undefined): SqlType {
  const kind = message?.kind;
  if (!message || !kind) return { kind: 'null' };
  const simple = SIMPLE_KINDS[kind];
  if (simple) return { kind: simple } as SqlType;
  const body = message[kind] as Record<string, unknown> | undefined;
  switch (kind) {
    case 'decimal':
      return {
        kind: 'decimal',
        precision: (body?.precision as number | undefined) ?? 10,
        scale: (body?.scale as number | undefined) ?? 0,
      };
    case 'char':
    case 'var_char':
      return {
        kind: kind === 'char' ? 'char' : 'varchar',
        length: (body?.length as number | undefined) ?? 0,
      };
    case 'year_month_interval':
      return intervalOf('year_month_interval', body as IntervalFields, 1);
    case 'day_time_interval':
      return intervalOf('day_time_interval', body as IntervalFields, 3);
    case 'array':
      return { kind: 'array', element: sqlTypeOf(body?.element_type as DataTypeMessage) };
    case 'map':
      return {
        kind: 'map',
        key: sqlTypeOf(body?.key_type as DataTypeMessage),
        value: sqlTypeOf(body?.value_type as DataTypeMessage),
      };
    case 'struct':
      return {
        kind: 'struct',
        fields: ((body as StructMessage | undefined)?.fields ?? []).map((field) => ({
          name: field.name ?? '',
          type: sqlTypeOf(field.data_type),
          // proto3 leaves out a false `nullable`.
          nullable: field.nullable ?? false,
        })),
      };
    case 'calendar_interval':
      return { kind: 'other', name: 'INTERVAL', text: 'INTERVAL' };
    case 'time':
      return { kind: 'other', name: 'TIME', text: `TIME(${(body?.precision as number | undefined) ?? 6})` };
    case 'geometry':
    case 'geography':
      return {
        kind: 'other',
        name: kind.toUpperCase(),
        text: `${kind.toUpperCase()}(${(body?.srid as number | undefined) ?? 0})`,
      };
    case 'udt':
      return { kind: 'other', name: 'USER_DEFINED_TYPE', text: String(body?.type ?? 'UDT').toUpperCase() };
    default:
      return { kind: 'other', name: kind.toUpperCase(), text: kind.toUpperCase() };
  }
}
