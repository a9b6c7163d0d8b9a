/**
 * A table column as JDBC's DatabaseMetaData.getColumns describes it (GetColumns), from its Unity
 * Catalog type: the java.sql.Types code, the type's SQL name, its size and digits. The figures are
 * those of Spark's Thrift server (SparkGetColumnsOperation): Spark's default sizes, microseconds
 * for timestamps, IEEE 754 digits for floating point.
 */

/** java.sql.Types codes. */
export const JdbcType = {
  NULL: 0,
  BOOLEAN: 16,
  TINYINT: -6,
  SMALLINT: 5,
  INTEGER: 4,
  BIGINT: -5,
  FLOAT: 6,
  DOUBLE: 8,
  DECIMAL: 3,
  CHAR: 1,
  VARCHAR: 12,
  BINARY: -2,
  DATE: 91,
  TIMESTAMP: 93,
  ARRAY: 2003,
  STRUCT: 2002,
  JAVA_OBJECT: 2000,
  OTHER: 1111,
} as const;

interface TypeTraits {
  jdbcType: number;
  /** Spark's SQL name of the type (for the types whose name is not their whole text). */
  sqlName: string;
  size?: number;
  digits?: number;
  /** The most digits of a number type (GetTypeInfo's PRECISION); numbers have a radix of 10. */
  precision?: number;
}

/** By Unity Catalog's ColumnTypeName. */
const TRAITS: Readonly<Record<string, TypeTraits>> = {
  NULL: { jdbcType: JdbcType.NULL, sqlName: 'VOID', size: 1 },
  BOOLEAN: { jdbcType: JdbcType.BOOLEAN, sqlName: 'BOOLEAN', size: 1, digits: 0 },
  BYTE: { jdbcType: JdbcType.TINYINT, sqlName: 'TINYINT', size: 1, digits: 0, precision: 3 },
  SHORT: { jdbcType: JdbcType.SMALLINT, sqlName: 'SMALLINT', size: 2, digits: 0, precision: 5 },
  INT: { jdbcType: JdbcType.INTEGER, sqlName: 'INT', size: 4, digits: 0, precision: 10 },
  LONG: { jdbcType: JdbcType.BIGINT, sqlName: 'BIGINT', size: 8, digits: 0, precision: 19 },
  FLOAT: { jdbcType: JdbcType.FLOAT, sqlName: 'FLOAT', size: 4, digits: 7, precision: 7 },
  DOUBLE: { jdbcType: JdbcType.DOUBLE, sqlName: 'DOUBLE', size: 8, digits: 15, precision: 15 },
  DECIMAL: { jdbcType: JdbcType.DECIMAL, sqlName: 'DECIMAL', precision: 38 },
  STRING: { jdbcType: JdbcType.VARCHAR, sqlName: 'STRING' },
  CHAR: { jdbcType: JdbcType.CHAR, sqlName: 'CHAR' },
  BINARY: { jdbcType: JdbcType.BINARY, sqlName: 'BINARY' },
  DATE: { jdbcType: JdbcType.DATE, sqlName: 'DATE', size: 4 },
  TIMESTAMP: { jdbcType: JdbcType.TIMESTAMP, sqlName: 'TIMESTAMP', size: 8, digits: 6 },
  TIMESTAMP_NTZ: { jdbcType: JdbcType.TIMESTAMP, sqlName: 'TIMESTAMP_NTZ', size: 8, digits: 6 },
  INTERVAL: { jdbcType: JdbcType.OTHER, sqlName: 'INTERVAL' },
  ARRAY: { jdbcType: JdbcType.ARRAY, sqlName: 'ARRAY' },
  MAP: { jdbcType: JdbcType.JAVA_OBJECT, sqlName: 'MAP' },
  STRUCT: { jdbcType: JdbcType.STRUCT, sqlName: 'STRUCT' },
};

const OTHER: TypeTraits = { jdbcType: JdbcType.OTHER, sqlName: 'STRING' };

export interface JdbcColumn {
  dataType: number;
  /** The type as Spark writes it: `INT`, `DECIMAL(10,2)`, `ARRAY<STRING>`. */
  typeName: string;
  columnSize: number | null;
  decimalDigits: number | null;
  radix: number | null;
}

export interface ColumnType {
  type_name?: string | undefined;
  type_text?: string | undefined;
  type_precision?: number | undefined;
  type_scale?: number | undefined;
}

const COMPLEX = new Set(['ARRAY', 'MAP', 'STRUCT']);

/**
 * Complex types keep their text as stored (field names keep their case); the others are upper
 * case, as Spark writes them.
 */
function typeNameOf(typeName: string, traits: TypeTraits, text: string | undefined): string {
  if (!text) return traits.sqlName;
  return COMPLEX.has(typeName) ? text : text.toUpperCase();
}

export function jdbcColumn(column: ColumnType): JdbcColumn {
  const typeName = (column.type_name ?? 'STRING').toUpperCase();
  const traits = TRAITS[typeName] ?? OTHER;
  let size = traits.size ?? null;
  let digits = traits.digits ?? null;
  if (typeName === 'DECIMAL') {
    const precision = column.type_precision ?? 10;
    // Spark's DecimalType.defaultSize: 8 bytes up to 18 digits, else 16.
    size = precision <= 18 ? 8 : 16;
    digits = column.type_scale ?? 0;
  }
  if (typeName === 'CHAR') {
    const length = column.type_text?.match(/\((\d+)\)/)?.[1];
    size = length === undefined ? null : Number(length);
  }
  return {
    dataType: traits.jdbcType,
    typeName: typeNameOf(typeName, traits, column.type_text),
    columnSize: size,
    decimalDigits: digits,
    radix: traits.precision === undefined ? null : 10,
  };
}

/** The types GetTypeInfo lists: Spark's SQL names, java.sql.Types codes and precisions. */
export function typeInfoEntries(): { name: string; jdbcType: number; precision: number | null }[] {
  return Object.values(TRAITS).map((traits) => ({
    name: traits.sqlName,
    jdbcType: traits.jdbcType,
    precision: traits.precision ?? null,
  }));
}
