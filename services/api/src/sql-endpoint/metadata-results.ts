import type { ResultColumn } from '../sql-engine/result-format.js';
import type { SqlType } from '../sql-engine/sql-type.js';
import type { Cell } from './column-row-set.js';
import { type ColumnType, jdbcColumn, typeInfoEntries } from './jdbc-types.js';
import { namePattern } from './name-pattern.js';

/**
 * The answers of the metadata calls, with the columns of JDBC's DatabaseMetaData that HiveServer2
 * answers them with, from the workspace's Unity Catalog metastore (the one every warehouse reads
 * through Unity Catalog's Spark connector). Names are filtered with the calls' patterns.
 */

interface MetastoreColumn extends ColumnType {
  name: string;
  position?: number | undefined;
  nullable?: boolean | undefined;
  comment?: string | undefined;
}

export interface MetastoreTable {
  name: string;
  /** TABLE or VIEW, JDBC's table types. */
  type: string;
  comment?: string | undefined;
  columns: readonly MetastoreColumn[];
}

interface MetastoreSchema {
  name: string;
  tables(): MetastoreTable[];
}

interface MetastoreCatalog {
  name: string;
  schemas(): MetastoreSchema[];
}

/** A metastore as the metadata calls see it: the catalogs of the caller's workspace. */
export interface MetastoreView {
  catalogs(): MetastoreCatalog[];
}

export interface MetadataResult {
  columns: ResultColumn[];
  rows: Cell[][];
}

const STRING: SqlType = { kind: 'string' };
const INT: SqlType = { kind: 'int' };
const SMALLINT: SqlType = { kind: 'short' };
const TINYINT: SqlType = { kind: 'byte' };
const BOOLEAN: SqlType = { kind: 'boolean' };

function columnsOf(spec: [string, SqlType][]): ResultColumn[] {
  return spec.map(([name, type]) => ({ name, type }));
}

/** The patterns of a call; a catalog is a pattern too, as the connectors escape it as one. */
export interface NamePatterns {
  catalog?: string | undefined;
  schema?: string | undefined;
  table?: string | undefined;
  column?: string | undefined;
}

function* schemasOf(view: MetastoreView, patterns: NamePatterns) {
  const catalogMatches = namePattern(patterns.catalog);
  const schemaMatches = namePattern(patterns.schema);
  for (const catalog of view.catalogs()) {
    if (!catalogMatches(catalog.name)) continue;
    for (const schema of catalog.schemas()) {
      if (schemaMatches(schema.name)) yield { catalog, schema };
    }
  }
}

function* tablesOf(view: MetastoreView, patterns: NamePatterns) {
  const tableMatches = namePattern(patterns.table);
  for (const { catalog, schema } of schemasOf(view, patterns)) {
    for (const table of schema.tables()) {
      if (tableMatches(table.name)) yield { catalog, schema, table };
    }
  }
}

export function catalogsResult(view: MetastoreView): MetadataResult {
  return {
    columns: columnsOf([['TABLE_CAT', STRING]]),
    rows: view.catalogs().map((catalog) => [catalog.name]),
  };
}

export function schemasResult(view: MetastoreView, patterns: NamePatterns): MetadataResult {
  return {
    columns: columnsOf([
      ['TABLE_SCHEM', STRING],
      ['TABLE_CATALOG', STRING],
    ]),
    rows: [...schemasOf(view, patterns)].map(({ catalog, schema }) => [schema.name, catalog.name]),
  };
}

const TABLE_TYPES = ['TABLE', 'VIEW'];

export function tablesResult(
  view: MetastoreView,
  patterns: NamePatterns,
  tableTypes: readonly string[] | undefined,
): MetadataResult {
  const wanted = tableTypes?.length ? new Set(tableTypes.map((type) => type.toUpperCase())) : undefined;
  const rows: Cell[][] = [];
  for (const { catalog, schema, table } of tablesOf(view, patterns)) {
    if (wanted && !wanted.has(table.type)) continue;
    rows.push([
      catalog.name,
      schema.name,
      table.name,
      table.type,
      table.comment ?? '',
      null,
      null,
      null,
      null,
      null,
    ]);
  }
  return {
    columns: columnsOf([
      ['TABLE_CAT', STRING],
      ['TABLE_SCHEM', STRING],
      ['TABLE_NAME', STRING],
      ['TABLE_TYPE', STRING],
      ['REMARKS', STRING],
      ['TYPE_CAT', STRING],
      ['TYPE_SCHEM', STRING],
      ['TYPE_NAME', STRING],
      ['SELF_REFERENCING_COL_NAME', STRING],
      ['REF_GENERATION', STRING],
    ]),
    rows,
  };
}

/** ORDINAL_POSITION counts from 0, as Spark's Thrift server and Unity Catalog count. */
export function columnsResult(view: MetastoreView, patterns: NamePatterns): MetadataResult {
  const columnMatches = namePattern(patterns.column);
  const rows: Cell[][] = [];
  for (const { catalog, schema, table } of tablesOf(view, patterns)) {
    table.columns.forEach((column, index) => {
      if (!columnMatches(column.name)) return;
      const jdbc = jdbcColumn(column);
      const nullable = column.nullable ?? true;
      rows.push([
        catalog.name,
        schema.name,
        table.name,
        column.name,
        jdbc.dataType,
        jdbc.typeName,
        jdbc.columnSize,
        null,
        jdbc.decimalDigits,
        jdbc.radix,
        nullable ? 1 : 0,
        column.comment ?? '',
        null,
        null,
        null,
        null,
        column.position ?? index,
        nullable ? 'YES' : 'NO',
        null,
        null,
        null,
        null,
        'NO',
      ]);
    });
  }
  return {
    columns: columnsOf([
      ['TABLE_CAT', STRING],
      ['TABLE_SCHEM', STRING],
      ['TABLE_NAME', STRING],
      ['COLUMN_NAME', STRING],
      ['DATA_TYPE', INT],
      ['TYPE_NAME', STRING],
      ['COLUMN_SIZE', INT],
      ['BUFFER_LENGTH', TINYINT],
      ['DECIMAL_DIGITS', INT],
      ['NUM_PREC_RADIX', INT],
      ['NULLABLE', INT],
      ['REMARKS', STRING],
      ['COLUMN_DEF', STRING],
      ['SQL_DATA_TYPE', INT],
      ['SQL_DATETIME_SUB', INT],
      ['CHAR_OCTET_LENGTH', INT],
      ['ORDINAL_POSITION', INT],
      ['IS_NULLABLE', STRING],
      ['SCOPE_CATALOG', STRING],
      ['SCOPE_SCHEMA', STRING],
      ['SCOPE_TABLE', STRING],
      ['SOURCE_DATA_TYPE', SMALLINT],
      ['IS_AUTO_INCREMENT', STRING],
    ]),
    rows,
  };
}

export function tableTypesResult(): MetadataResult {
  return { columns: columnsOf([['TABLE_TYPE', STRING]]), rows: TABLE_TYPES.map((type) => [type]) };
}

/** java.sql.DatabaseMetaData's typeNullable and typeSearchable. */
const TYPE_NULLABLE = 1;
const TYPE_SEARCHABLE = 3;

export function typeInfoResult(): MetadataResult {
  return {
    columns: columnsOf([
      ['TYPE_NAME', STRING],
      ['DATA_TYPE', INT],
      ['PRECISION', INT],
      ['LITERAL_PREFIX', STRING],
      ['LITERAL_SUFFIX', STRING],
      ['CREATE_PARAMS', STRING],
      ['NULLABLE', SMALLINT],
      ['CASE_SENSITIVE', BOOLEAN],
      ['SEARCHABLE', SMALLINT],
      ['UNSIGNED_ATTRIBUTE', BOOLEAN],
      ['FIXED_PREC_SCALE', BOOLEAN],
      ['AUTO_INCREMENT', BOOLEAN],
      ['LOCAL_TYPE_NAME', STRING],
      ['MINIMUM_SCALE', SMALLINT],
      ['MAXIMUM_SCALE', SMALLINT],
      ['SQL_DATA_TYPE', INT],
      ['SQL_DATETIME_SUB', INT],
      ['NUM_PREC_RADIX', INT],
    ]),
    rows: typeInfoEntries().map(({ name, jdbcType, precision }) => {
      const numeric = precision !== null;
      return [
        name,
        jdbcType,
        precision,
        null,
        null,
        null,
        TYPE_NULLABLE,
        name === 'STRING' || name === 'CHAR',
        TYPE_SEARCHABLE,
        numeric ? false : null,
        false,
        numeric ? false : null,
        null,
        0,
        name === 'DECIMAL' ? 38 : 0,
        null,
        null,
        numeric ? 10 : null,
      ];
    }),
  };
}

/** The calls this metastore has nothing for (no functions, no keys): their columns, no rows. */
export function functionsResult(): MetadataResult {
  return {
    columns: columnsOf([
      ['FUNCTION_CAT', STRING],
      ['FUNCTION_SCHEM', STRING],
      ['FUNCTION_NAME', STRING],
      ['REMARKS', STRING],
      ['FUNCTION_TYPE', INT],
      ['SPECIFIC_NAME', STRING],
    ]),
    rows: [],
  };
}

export function primaryKeysResult(): MetadataResult {
  return {
    columns: columnsOf([
      ['TABLE_CAT', STRING],
      ['TABLE_SCHEM', STRING],
      ['TABLE_NAME', STRING],
      ['COLUMN_NAME', STRING],
      ['KEY_SEQ', INT],
      ['PK_NAME', STRING],
    ]),
    rows: [],
  };
}

export function crossReferenceResult(): MetadataResult {
  return {
    columns: columnsOf([
      ['PKTABLE_CAT', STRING],
      ['PKTABLE_SCHEM', STRING],
      ['PKTABLE_NAME', STRING],
      ['PKCOLUMN_NAME', STRING],
      ['FKTABLE_CAT', STRING],
      ['FKTABLE_SCHEM', STRING],
      ['FKTABLE_NAME', STRING],
      ['FKCOLUMN_NAME', STRING],
      ['KEY_SEQ', INT],
      ['UPDATE_RULE', SMALLINT],
      ['DELETE_RULE', SMALLINT],
      ['FK_NAME', STRING],
      ['PK_NAME', STRING],
      ['DEFERRABILITY', SMALLINT],
    ]),
    rows: [],
  };
}
