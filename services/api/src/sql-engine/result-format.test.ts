import {
  Bool,
  DateDay,
  Decimal,
  Field,
  Float64,
  Int32,
  Int64,
  List,
  Map_,
  makeData,
  makeVector,
  type RecordBatch,
  Struct,
  Table,
  TimestampMicrosecond,
  tableFromIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { type ResultColumn, resultWriter } from './result-format.js';

const entries = new Struct([new Field('key', new Utf8(), false), new Field('value', new Int32(), true)]);

/** Two rows of every shape Spark Connect sends, the second mostly NULL. */
function sampleBatch(): RecordBatch {
  const table = new Table({
    i: vectorFromArray([1, null], new Int32()),
    l: vectorFromArray([-9_223_372_036_854_775_808n, 5n], new Int64()),
    s: vectorFromArray(['a,"b"', null], new Utf8()),
    d: vectorFromArray([1.5, 100], new Float64()),
    b: vectorFromArray([true, false], new Bool()),
    dec: makeVector(
      makeData({
        type: new Decimal(2, 10, 128),
        length: 2,
        nullCount: 0,
        data: Uint32Array.from([150, 0, 0, 0, 0xffff_fffb, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff]),
      }),
    ),
    day: makeVector(makeData({ type: new DateDay(), length: 2, data: Int32Array.from([19724, 0]) })),
    ts: makeVector(
      makeData({
        type: new TimestampMicrosecond('Etc/UTC'),
        length: 2,
        data: BigInt64Array.from([1_704_164_645_123_456n, 0n]),
      }),
    ),
    arr: vectorFromArray([[1, null, 3], null], new List(new Field('element', new Int32(), true))),
    map: vectorFromArray([new Map([['k', 1]]), new Map()], new Map_(new Field('entries', entries, false))),
    st: vectorFromArray(
      [{ a: 1, b: 'x' }, null],
      new Struct([new Field('a', new Int32(), true), new Field('b', new Utf8(), true)]),
    ),
  });
  return table.batches[0] as RecordBatch;
}

const COLUMNS: ResultColumn[] = [
  { name: 'i', type: { kind: 'int' } },
  { name: 'l', type: { kind: 'long' } },
  { name: 's', type: { kind: 'string' } },
  { name: 'd', type: { kind: 'double' } },
  { name: 'b', type: { kind: 'boolean' } },
  { name: 'dec', type: { kind: 'decimal', precision: 10, scale: 2 } },
  { name: 'day', type: { kind: 'date' } },
  { name: 'ts', type: { kind: 'timestamp' } },
  { name: 'arr', type: { kind: 'array', element: { kind: 'int' } } },
  { name: 'map', type: { kind: 'map', key: { kind: 'string' }, value: { kind: 'int' } } },
  {
    name: 'st',
    type: {
      kind: 'struct',
      fields: [
        { name: 'a', type: { kind: 'int' }, nullable: true },
        { name: 'b', type: { kind: 'string' }, nullable: true },
      ],
    },
  },
];

function writeAll(format: 'JSON_ARRAY' | 'CSV' | 'ARROW_STREAM', chunkIndex = 0): Buffer {
  const writer = resultWriter(format, COLUMNS);
  const batch = sampleBatch();
  const formatted = writer.format(batch, 1000);
  return writer.chunk([formatted.slice(0, formatted.rowCount)], chunkIndex);
}

describe('the JSON_ARRAY format', () => {
  it('writes every value as text, complex values as JSON text with text leaves, NULL as null', () => {
    expect(JSON.parse(writeAll('JSON_ARRAY').toString())).toEqual([
      [
        '1',
        '-9223372036854775808',
        'a,"b"',
        '1.5',
        'true',
        '1.50',
        '2024-01-02',
        '2024-01-02T03:04:05.123Z',
        '["1",null,"3"]',
        '{"k":"1"}',
        '{"a":"1","b":"x"}',
      ],
      [
        null,
        '5',
        null,
        '100.0',
        'false',
        '-0.05',
        '1970-01-01',
        '1970-01-01T00:00:00.000Z',
        null,
        '{}',
        null,
      ],
    ]);
  });

  it('weighs each row by its JSON text and a separator', () => {
    const formatted = resultWriter('JSON_ARRAY', COLUMNS.slice(0, 1)).format(sampleBatch(), 0);
    expect([formatted.rowBytes(0), formatted.rowBytes(1)]).toEqual([6, 7]);
  });
});

describe('the CSV format', () => {
  it('writes the header in the first chunk only, NULL as null, and quotes what needs it', () => {
    const lines = writeAll('CSV').toString().split('\n');
    expect(lines[0]).toBe('i,l,s,d,b,dec,day,ts,arr,map,st');
    expect(lines[1]).toBe(
      '1,-9223372036854775808,"a,""b""",1.5,true,1.50,2024-01-02,2024-01-02T03:04:05.123Z,"[""1"",null,""3""]","{""k"":""1""}","{""a"":""1"",""b"":""x""}"',
    );
    expect(lines[2]).toBe('null,5,null,100.0,false,-0.05,1970-01-01,1970-01-01T00:00:00.000Z,null,{},null');
    expect(writeAll('CSV', 1).toString().startsWith('1,')).toBe(true);
  });
});

describe('the ARROW_STREAM format', () => {
  it('writes an Arrow IPC stream of the rows asked for', () => {
    const writer = resultWriter('ARROW_STREAM', COLUMNS);
    const formatted = writer.format(sampleBatch(), 1000);
    expect(formatted.rowBytes(0)).toBe(500);
    const table = tableFromIPC(writer.chunk([formatted.slice(1, 2)], 0));
    expect(table.numRows).toBe(1);
    expect(table.getChild('l')?.get(0)).toBe(5n);
    expect(table.schema.fields.map((field) => field.name)).toEqual(COLUMNS.map((column) => column.name));
  });
});
