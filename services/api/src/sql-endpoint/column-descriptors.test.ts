import { describe, expect, it } from 'vitest';
import type { SqlType } from '../sql-engine/sql-type.js';
import { columnDescriptor, tableSchema, typeIdOf } from './column-descriptors.js';
import { ttypes } from './tcli.js';

const T = ttypes.TTypeId;

describe('result columns are described with the TTypeId the connectors name them after', () => {
  it.each<[SqlType, number]>([
    [{ kind: 'boolean' }, T.BOOLEAN_TYPE],
    [{ kind: 'byte' }, T.TINYINT_TYPE],
    [{ kind: 'short' }, T.SMALLINT_TYPE],
    [{ kind: 'int' }, T.INT_TYPE],
    [{ kind: 'long' }, T.BIGINT_TYPE],
    [{ kind: 'float' }, T.FLOAT_TYPE],
    [{ kind: 'double' }, T.DOUBLE_TYPE],
    [{ kind: 'string' }, T.STRING_TYPE],
    [{ kind: 'binary' }, T.BINARY_TYPE],
    [{ kind: 'date' }, T.DATE_TYPE],
    [{ kind: 'timestamp' }, T.TIMESTAMP_TYPE],
    [{ kind: 'timestamp_ntz' }, T.TIMESTAMP_TYPE],
    [{ kind: 'null' }, T.NULL_TYPE],
    [{ kind: 'decimal', precision: 10, scale: 2 }, T.DECIMAL_TYPE],
    [{ kind: 'char', length: 3 }, T.CHAR_TYPE],
    [{ kind: 'varchar', length: 3 }, T.VARCHAR_TYPE],
    [{ kind: 'year_month_interval', start: 0, end: 1 }, T.INTERVAL_YEAR_MONTH_TYPE],
    [{ kind: 'day_time_interval', start: 0, end: 3 }, T.INTERVAL_DAY_TIME_TYPE],
    [{ kind: 'array', element: { kind: 'int' } }, T.ARRAY_TYPE],
    [{ kind: 'map', key: { kind: 'string' }, value: { kind: 'int' } }, T.MAP_TYPE],
    [{ kind: 'struct', fields: [] }, T.STRUCT_TYPE],
    [{ kind: 'variant' }, T.STRING_TYPE],
    [{ kind: 'other', name: 'GEOMETRY', text: 'GEOMETRY(4326)' }, T.STRING_TYPE],
  ])('%o is %i', (type, id) => {
    expect(typeIdOf(type)).toBe(id);
  });

  it('gives a DECIMAL its precision and scale, and numbers columns from 1', () => {
    const column = columnDescriptor({ name: 'price', type: { kind: 'decimal', precision: 12, scale: 3 } }, 1);
    expect(column.columnName).toBe('price');
    expect(column.position).toBe(2);
    const entry = column.typeDesc.types[0]?.primitiveEntry;
    expect(entry?.type).toBe(T.DECIMAL_TYPE);
    expect(entry?.typeQualifiers?.qualifiers.precision?.i32Value).toBe(12);
    expect(entry?.typeQualifiers?.qualifiers.scale?.i32Value).toBe(3);
  });

  it('gives a VARCHAR its length, and a plain type no qualifiers', () => {
    const schema = tableSchema([
      { name: 'code', type: { kind: 'varchar', length: 8 } },
      { name: 'n', type: { kind: 'int' } },
    ]);
    const [code, n] = schema.columns.map((column) => column.typeDesc.types[0]?.primitiveEntry);
    expect(code?.typeQualifiers?.qualifiers.characterMaximumLength?.i32Value).toBe(8);
    expect(n?.typeQualifiers).toBeFalsy();
  });
});
