import { describe, expect, it } from 'vitest';
import { normalizeColumns } from './columns.js';

describe('normalizeColumns', () => {
  it('numbers the columns in order and makes them nullable unless said otherwise', () => {
    expect(
      normalizeColumns([
        { name: 'id', type_name: 'long', type_text: 'bigint', nullable: false },
        { name: 'name', type_name: 'STRING', type_text: 'string' },
      ]),
    ).toEqual([
      { name: 'id', type_name: 'LONG', type_text: 'bigint', position: 0, nullable: false },
      { name: 'name', type_name: 'STRING', type_text: 'string', position: 1, nullable: true },
    ]);
  });

  it('keeps the positions and partition indexes a client gives', () => {
    const [column] = normalizeColumns([{ name: 'day', position: 3, partition_index: 0 }]);
    expect(column).toEqual({ name: 'day', position: 3, partition_index: 0, nullable: true });
  });

  it('refuses a column given twice, whatever its case', () => {
    expect(() => normalizeColumns([{ name: 'id' }, { name: 'ID' }])).toThrow(/'ID' is given more than once/);
  });
});
