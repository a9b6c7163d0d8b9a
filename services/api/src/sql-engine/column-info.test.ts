import { describe, expect, it } from 'vitest';
import { columnInfo } from './column-info.js';
import { type DataTypeMessage, sqlTypeOf } from './sql-type.js';

/** A column of a Spark Connect DataType, described as the Statement Execution API does. */
const describe_ = (dataType: DataTypeMessage) => columnInfo('c', 0, sqlTypeOf(dataType));

describe('columnInfo', () => {
  it.each([
    [{ kind: 'byte', byte: {} }, 'BYTE', 'TINYINT'],
    [{ kind: 'short', short: {} }, 'SHORT', 'SMALLINT'],
    [{ kind: 'integer', integer: {} }, 'INT', 'INT'],
    [{ kind: 'long', long: {} }, 'LONG', 'BIGINT'],
    [{ kind: 'float', float: {} }, 'FLOAT', 'FLOAT'],
    [{ kind: 'double', double: {} }, 'DOUBLE', 'DOUBLE'],
    [{ kind: 'string', string: {} }, 'STRING', 'STRING'],
    [{ kind: 'binary', binary: {} }, 'BINARY', 'BINARY'],
    [{ kind: 'boolean', boolean: {} }, 'BOOLEAN', 'BOOLEAN'],
    [{ kind: 'date', date: {} }, 'DATE', 'DATE'],
    [{ kind: 'timestamp', timestamp: {} }, 'TIMESTAMP', 'TIMESTAMP'],
    [{ kind: 'timestamp_ntz', timestamp_ntz: {} }, 'TIMESTAMP_NTZ', 'TIMESTAMP_NTZ'],
    [{ kind: 'null', null: {} }, 'NULL', 'VOID'],
    [{ kind: 'char', char: { length: 3 } }, 'CHAR', 'CHAR(3)'],
  ])('names %o %s with the text %s', (dataType, typeName, typeText) => {
    expect(describe_(dataType)).toEqual({ name: 'c', position: 0, type_name: typeName, type_text: typeText });
  });

  it('gives a DECIMAL its precision and scale', () => {
    expect(describe_({ kind: 'decimal', decimal: { precision: 10, scale: 2 } })).toMatchObject({
      type_name: 'DECIMAL',
      type_text: 'DECIMAL(10,2)',
      type_precision: 10,
      type_scale: 2,
    });
  });

  it.each([
    [{ kind: 'year_month_interval', year_month_interval: { start_field: 0, end_field: 1 } }, 'YEAR TO MONTH'],
    [{ kind: 'year_month_interval', year_month_interval: { start_field: 0, end_field: 0 } }, 'YEAR'],
    [{ kind: 'day_time_interval', day_time_interval: { start_field: 0, end_field: 3 } }, 'DAY TO SECOND'],
    [{ kind: 'day_time_interval', day_time_interval: { start_field: 1, end_field: 1 } }, 'HOUR'],
  ])('gives an INTERVAL %o its fields %s', (dataType, fields) => {
    expect(describe_(dataType)).toMatchObject({
      type_name: 'INTERVAL',
      type_text: `INTERVAL ${fields}`,
      type_interval_type: fields,
    });
  });

  it('writes complex types as Spark does, with a space after commas and NOT NULL on fields', () => {
    const int = { kind: 'integer', integer: {} };
    const string = { kind: 'string', string: {} };
    expect(
      describe_({
        kind: 'array',
        array: { element_type: { kind: 'array', array: { element_type: int } } },
      }).type_text,
    ).toBe('ARRAY<ARRAY<INT>>');
    expect(describe_({ kind: 'map', map: { key_type: string, value_type: int } }).type_text).toBe(
      'MAP<STRING, INT>',
    );
    expect(
      describe_({
        kind: 'struct',
        struct: {
          fields: [
            { name: 'a', data_type: int, nullable: false },
            { name: 'my col', data_type: string, nullable: true },
          ],
        },
      }),
    ).toMatchObject({ type_name: 'STRUCT', type_text: 'STRUCT<a: INT NOT NULL, `my col`: STRING>' });
  });

  it('reads a field without `nullable` as NOT NULL: proto3 leaves a false one out', () => {
    const field = { name: 'a', data_type: { kind: 'integer', integer: {} } };
    expect(describe_({ kind: 'struct', struct: { fields: [field] } }).type_text).toBe(
      'STRUCT<a: INT NOT NULL>',
    );
  });
});
