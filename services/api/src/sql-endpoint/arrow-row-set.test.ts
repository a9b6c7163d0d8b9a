import { type RecordBatch, Type, tableFromArrays, tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { ResultColumn } from '../sql-engine/result-format.js';
import { ArrowResultEncoder } from './arrow-row-set.js';
import { type ArrowNativeTypes, travelsNatively } from './arrow-schema.js';

const ALL: ArrowNativeTypes = { timestamps: true, decimals: true, complexTypes: true };
const NONE: ArrowNativeTypes = { timestamps: false, decimals: false, complexTypes: false };

/** What a client does: the schema, then the batches, read as one IPC stream. */
function read(encoder: ArrowResultEncoder, batches: RecordBatch[]) {
  return tableFromIPC(Buffer.concat([encoder.schemaBytes, ...batches.map((batch) => encoder.encode(batch))]));
}

describe('which columns travel in Spark’s Arrow types', () => {
  it.each<[ResultColumn['type'], ArrowNativeTypes, boolean]>([
    [{ kind: 'int' }, NONE, true],
    [{ kind: 'timestamp' }, NONE, false],
    [{ kind: 'timestamp' }, ALL, true],
    [{ kind: 'decimal', precision: 5, scale: 1 }, NONE, false],
    [{ kind: 'array', element: { kind: 'int' } }, ALL, true],
    [{ kind: 'array', element: { kind: 'day_time_interval', start: 0, end: 3 } }, ALL, false],
    [
      { kind: 'map', key: { kind: 'string' }, value: { kind: 'decimal', precision: 5, scale: 1 } },
      { ...ALL, decimals: false },
      false,
    ],
    [{ kind: 'struct', fields: [{ name: 'a', type: { kind: 'int' }, nullable: true }] }, NONE, false],
    [{ kind: 'year_month_interval', start: 0, end: 1 }, ALL, false],
    [{ kind: 'variant' }, ALL, false],
  ])('%o with %o: %s', (type, native, expected) => {
    expect(travelsNatively(type, native)).toBe(expected);
  });
});

describe('Arrow results', () => {
  const spark = tableFromArrays({ id: Int32Array.from([1, 2, 3]), name: ['a', 'b', null] });
  const columns: ResultColumn[] = [
    { name: 'id', type: { kind: 'int' } },
    { name: 'name', type: { kind: 'string' } },
  ];

  it('read back as one stream: the schema once, then the batches', () => {
    const encoder = new ArrowResultEncoder(columns, ALL, spark.batches[0]);
    const [batch] = spark.batches as [RecordBatch];
    const table = read(encoder, [batch.slice(0, 2), batch.slice(2)]);
    expect(table.toArray().map((row) => row.toJSON())).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
      { id: 3, name: null },
    ]);
  });

  it('rewrite a column the client cannot read natively as its text', () => {
    const intervals = tableFromArrays({ d: BigInt64Array.from([90_000_000n, -1n]) });
    const column: ResultColumn = { name: 'd', type: { kind: 'long' } };
    // Spark sends a day-time interval as a Duration; here its microseconds stand in.
    const encoder = new ArrowResultEncoder(
      [{ ...column, type: { kind: 'day_time_interval', start: 0, end: 3 } }],
      ALL,
      intervals.batches[0],
    );
    expect(encoder.schema.fields[0]?.type.typeId).toBe(Type.Utf8);
    expect(encoder.schema.fields[0]?.type.toString()).toBe('Utf8');
  });

  it('mark VARIANT text with its SQL type, which the connectors describe it by', () => {
    const encoder = new ArrowResultEncoder([{ name: 'v', type: { kind: 'variant' } }], ALL, undefined);
    expect(encoder.schema.fields[0]?.metadata.get('Spark:DataType:SqlName')).toBe('VARIANT');
  });

  it('have a schema of the columns’ own types when the result has no rows', () => {
    const encoder = new ArrowResultEncoder(
      [
        { name: 'ts', type: { kind: 'timestamp' } },
        { name: 'price', type: { kind: 'decimal', precision: 10, scale: 2 } },
        { name: 'tags', type: { kind: 'array', element: { kind: 'string' } } },
      ],
      ALL,
      undefined,
    );
    const table = read(encoder, []);
    expect(table.numRows).toBe(0);
    const [ts, price, tags] = table.schema.fields.map((field) => field.type);
    expect(String(ts)).toBe('Timestamp<MICROSECOND, UTC>');
    expect(price).toMatchObject({ precision: 10, scale: 2 });
    expect(String(tags)).toBe('List<Utf8>');
  });
});
