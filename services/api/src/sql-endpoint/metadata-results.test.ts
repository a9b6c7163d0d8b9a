import { describe, expect, it } from 'vitest';
import { JdbcType } from './jdbc-types.js';
import {
  catalogsResult,
  columnsResult,
  type MetastoreTable,
  type MetastoreView,
  schemasResult,
  tablesResult,
  typeInfoResult,
} from './metadata-results.js';

const orders: MetastoreTable = {
  name: 'orders',
  type: 'TABLE',
  comment: 'all orders',
  columns: [
    { name: 'id', type_name: 'LONG', type_text: 'bigint', position: 0, nullable: false },
    {
      name: 'price',
      type_name: 'DECIMAL',
      type_text: 'decimal(10,2)',
      type_precision: 10,
      type_scale: 2,
      position: 1,
    },
    { name: 'tags', type_name: 'ARRAY', type_text: 'array<string>', position: 2, comment: 'labels' },
  ],
};

const view: MetastoreView = {
  catalogs: () => [
    {
      name: 'main',
      schemas: () => [
        { name: 'default', tables: () => [] },
        { name: 'sales', tables: () => [orders, { name: 'order_lines', type: 'TABLE', columns: [] }] },
      ],
    },
    { name: 'system', schemas: () => [{ name: 'information_schema', tables: () => [] }] },
  ],
};

const names = (result: { columns: { name: string }[] }) => result.columns.map((column) => column.name);

describe('metadata calls answer from the metastore', () => {
  it('lists catalogs', () => {
    expect(catalogsResult(view).rows).toEqual([['main'], ['system']]);
  });

  it('lists schemas with their catalog, filtered by patterns', () => {
    const result = schemasResult(view, { catalog: 'main', schema: 's%' });
    expect(names(result)).toEqual(['TABLE_SCHEM', 'TABLE_CATALOG']);
    expect(result.rows).toEqual([['sales', 'main']]);
    expect(schemasResult(view, {}).rows).toHaveLength(3);
  });

  it('lists tables as JDBC does, filtered by name and type', () => {
    const result = tablesResult(view, { schema: 'sales', table: 'orders' }, undefined);
    expect(names(result).slice(0, 5)).toEqual([
      'TABLE_CAT',
      'TABLE_SCHEM',
      'TABLE_NAME',
      'TABLE_TYPE',
      'REMARKS',
    ]);
    expect(result.rows).toEqual([
      ['main', 'sales', 'orders', 'TABLE', 'all orders', null, null, null, null, null],
    ]);
    expect(tablesResult(view, { table: 'order%' }, ['table']).rows).toHaveLength(2);
    expect(tablesResult(view, {}, ['VIEW']).rows).toEqual([]);
  });

  it('describes columns with their java.sql.Types, sizes and positions', () => {
    const result = columnsResult(view, { table: 'orders' });
    expect(names(result)).toHaveLength(23);
    const byName = Object.fromEntries(
      result.rows.map((row) => [
        row[3],
        Object.fromEntries(names(result).map((name, index) => [name, row[index]])),
      ]),
    );
    expect(byName.id).toMatchObject({
      DATA_TYPE: JdbcType.BIGINT,
      TYPE_NAME: 'BIGINT',
      COLUMN_SIZE: 8,
      DECIMAL_DIGITS: 0,
      NUM_PREC_RADIX: 10,
      NULLABLE: 0,
      IS_NULLABLE: 'NO',
      ORDINAL_POSITION: 0,
    });
    expect(byName.price).toMatchObject({
      DATA_TYPE: JdbcType.DECIMAL,
      TYPE_NAME: 'DECIMAL(10,2)',
      DECIMAL_DIGITS: 2,
    });
    expect(byName.tags).toMatchObject({
      DATA_TYPE: JdbcType.ARRAY,
      TYPE_NAME: 'array<string>',
      COLUMN_SIZE: null,
      REMARKS: 'labels',
      ORDINAL_POSITION: 2,
    });
    expect(columnsResult(view, { table: 'orders', column: 'p%' }).rows).toHaveLength(1);
  });

  it('lists the SQL types with their JDBC codes', () => {
    const rows = typeInfoResult().rows;
    expect(rows.find((row) => row[0] === 'INT')?.slice(0, 3)).toEqual(['INT', JdbcType.INTEGER, 10]);
    expect(rows.every((row) => row.length === 18)).toBe(true);
  });
});
