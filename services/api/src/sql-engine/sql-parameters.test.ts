import { describe, expect, it } from 'vitest';
import { bindParameters, decimalValue, type StatementParameter } from './sql-parameters.js';

const literalOf = (parameter: Omit<StatementParameter, 'name'>) =>
  bindParameters([{ name: 'p', ...parameter }]).named.p;

const failureOf = (parameters: StatementParameter[]) => {
  try {
    bindParameters(parameters);
  } catch (error) {
    return error as { errorClass?: string; sqlState?: string; message: string };
  }
  throw new Error('bound without an error');
};

describe('bindParameters converts values as CAST(value AS type) would, into typed literals', () => {
  it.each([
    [{ value: 'the name' }, "'the name'"],
    [{ value: ' padded ', type: 'STRING' }, "' padded '"],
    [{ value: "it's; -- a \\value", type: 'varchar(20)' }, "'it\\'s; -- a \\\\value'"],
    [{ value: '42', type: 'INT' }, '42'],
    [{ value: ' -7 ', type: 'integer' }, '-7'],
    [{ value: '-128', type: 'TINYINT' }, '-128Y'],
    [{ value: '-32768', type: 'SMALLINT' }, '-32768S'],
    [{ value: '9223372036854775807', type: 'BIGINT' }, '9223372036854775807L'],
    [{ value: 'yes', type: 'BOOLEAN' }, 'TRUE'],
    [{ value: 'FALSE', type: 'BOOLEAN' }, 'FALSE'],
    [{ value: '1.5', type: 'DOUBLE' }, '1.5D'],
    [{ value: '-Infinity', type: 'DOUBLE' }, "CAST('-Infinity' AS DOUBLE)"],
    [{ value: '0.25', type: 'FLOAT' }, "CAST('0.25' AS FLOAT)"],
    [{ value: '1.5', type: 'DECIMAL(10,2)' }, '1.50BD'],
    [{ value: '1.555', type: 'decimal(4, 2)' }, '1.56BD'],
    [{ value: '7', type: 'DECIMAL' }, '7BD'],
    [{ value: '2020-01-01', type: 'DATE' }, "DATE'2020-01-01'"],
    [{ value: '2024-01-02 03:04:05.123456', type: 'TIMESTAMP' }, "TIMESTAMP'2024-01-02 03:04:05.123456Z'"],
    [
      { value: '2024-01-02T08:34:05.123456+05:30', type: 'TIMESTAMP' },
      "TIMESTAMP'2024-01-02 03:04:05.123456Z'",
    ],
    [{ value: '1969-12-31 23:59:59.5', type: 'TIMESTAMP' }, "TIMESTAMP'1969-12-31 23:59:59.500000Z'"],
    [{ value: '2024-01-02 03:04:05', type: 'TIMESTAMP_NTZ' }, "TIMESTAMP_NTZ'2024-01-02 03:04:05.000000'"],
    [{ value: '1-2', type: 'INTERVAL YEAR TO MONTH' }, "INTERVAL '1-2' YEAR TO MONTH"],
    [
      { value: "INTERVAL '1 02:03:04.5' DAY TO SECOND", type: 'INTERVAL DAY TO SECOND' },
      "INTERVAL '1 02:03:04.5' DAY TO SECOND",
    ],
  ])('%o is %s', (parameter, literal) => {
    expect(literalOf(parameter)).toBe(literal);
  });

  it('binds a missing or null value as a NULL of the type', () => {
    expect(literalOf({ type: 'INT' })).toBe('CAST(NULL AS INTEGER)');
    expect(literalOf({ value: null, type: 'DECIMAL(5,1)' })).toBe('CAST(NULL AS DECIMAL(5,1))');
    expect(literalOf({})).toBe('CAST(NULL AS STRING)');
  });

  it('binds parameters without names as positional ones, in order', () => {
    expect(bindParameters([{ value: '1', type: 'INT' }, { value: 'x' }])).toEqual({
      named: {},
      positional: ['1', "'x'"],
    });
  });
});

describe('bindParameters fails the statement as Databricks does', () => {
  it.each([
    [{ value: 'abc', type: 'INT' }],
    [{ value: '2147483648', type: 'INT' }],
    [{ value: '1.5', type: 'BIGINT' }],
    [{ value: 'maybe', type: 'BOOLEAN' }],
    [{ value: '123.4', type: 'DECIMAL(3,1)' }],
    [{ value: '2023-02-30', type: 'DATE' }],
    [{ value: '2023-01-01 25:00:00', type: 'TIMESTAMP' }],
    [{ value: '1 25:00:00', type: 'INTERVAL DAY TO SECOND' }],
  ])('with INVALID_VALUE_FOR_DATA_TYPE for %o', (parameter) => {
    expect(failureOf([{ name: 'p', ...parameter }])).toMatchObject({
      errorClass: 'INVALID_VALUE_FOR_DATA_TYPE',
      sqlState: '22023',
    });
  });

  it.each(['BINARY', 'ARRAY<INT>', 'MAP<STRING,INT>', 'STRUCT<a:INT>', 'NO_SUCH_TYPE'])(
    'with INVALID_PARAMETER_MARKER_VALUE.INVALID_DATA_TYPE for the type %s',
    (type) => {
      expect(failureOf([{ name: 'p', value: '1', type }])).toMatchObject({
        errorClass: 'INVALID_PARAMETER_MARKER_VALUE.INVALID_DATA_TYPE',
      });
    },
  );

  it('with INVALID_PARAMETER_MARKER_VALUE.DUPLICATE_NAME for a name given twice', () => {
    expect(
      failureOf([
        { name: 'p', value: '1' },
        { name: 'p', value: '2' },
      ]),
    ).toMatchObject({ errorClass: 'INVALID_PARAMETER_MARKER_VALUE.DUPLICATE_NAME' });
  });

  it('when only some parameters have names', () => {
    expect(failureOf([{ name: 'p', value: '1' }, { value: '2' }]).message).toMatch(/positional, or named/);
  });
});

describe('decimalValue', () => {
  it.each([
    ['1.5e2', 5, 0, '150'],
    ['.5', 3, 0, '1'],
    ['-0.004', 5, 2, '0.00'],
    ['-1.005', 5, 2, '-1.01'],
    ['99999999999999999999999999999999999999', 38, 0, '99999999999999999999999999999999999999'],
  ])('%s as DECIMAL(%i,%i) is %s', (text, precision, scale, value) => {
    expect(decimalValue(text, precision, scale)).toBe(value);
  });
});
