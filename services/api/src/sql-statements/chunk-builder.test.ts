import { Int32, Table, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { type FormattedBatch, resultWriter } from '../sql-engine/result-format.js';
import { ChunkBuilder, type ChunkLimits } from './chunk-builder.js';

const writer = resultWriter('JSON_ARRAY', [{ name: 'n', type: { kind: 'int' } }]);

/** A batch of the integers [from, to): each row `["n"]` weighs its text and a comma. */
function batchOf(from: number, to: number): FormattedBatch {
  const values = Array.from({ length: to - from }, (_, index) => from + index);
  const table = new Table({ n: vectorFromArray(values, new Int32()) });
  return writer.format(table.batches[0] as Table['batches'][number], 0);
}

function build(limits: ChunkLimits, batches: FormattedBatch[]) {
  const builder = new ChunkBuilder(writer, limits);
  const chunks = batches.flatMap((batch) => (builder.truncated ? [] : builder.add(batch)));
  chunks.push(...builder.finish());
  return {
    builder,
    chunks: chunks.map((chunk) => ({ ...chunk.info, rows: JSON.parse(chunk.body.toString()) as string[][] })),
  };
}

describe('ChunkBuilder', () => {
  it('keeps a small result in one chunk', () => {
    const { chunks, builder } = build({ targetBytes: 1000 }, [batchOf(0, 3)]);
    expect(chunks).toEqual([
      { chunk_index: 0, row_offset: 0, row_count: 3, byte_count: 19, rows: [['0'], ['1'], ['2']] },
    ]);
    expect([builder.totalRows, builder.truncated]).toEqual([3, false]);
  });

  it('cuts chunks at the target size, across batches, with the row offsets of their rows', () => {
    // Each row of one digit weighs 6 bytes: a chunk closes at its third row.
    const { chunks } = build({ targetBytes: 18 }, [batchOf(0, 4), batchOf(4, 8)]);
    expect(
      chunks.map(({ chunk_index, row_offset, row_count, rows }) => [
        chunk_index,
        row_offset,
        row_count,
        rows,
      ]),
    ).toEqual([
      [0, 0, 3, [['0'], ['1'], ['2']]],
      [1, 3, 3, [['3'], ['4'], ['5']]],
      [2, 6, 2, [['6'], ['7']]],
    ]);
  });

  it('stops at row_limit and says the result was truncated only when rows were left out', () => {
    const cut = build({ targetBytes: 1000, rowLimit: 2 }, [batchOf(0, 5)]);
    expect([cut.builder.totalRows, cut.builder.truncated]).toEqual([2, true]);
    expect(cut.chunks[0]?.rows).toEqual([['0'], ['1']]);

    const exact = build({ targetBytes: 1000, rowLimit: 5 }, [batchOf(0, 5)]);
    expect([exact.builder.totalRows, exact.builder.truncated]).toEqual([5, false]);
  });

  it('gives no chunk and a truncated result for a row_limit of 0', () => {
    const { chunks, builder } = build({ targetBytes: 1000, rowLimit: 0 }, [batchOf(0, 5)]);
    expect([chunks.length, builder.truncated]).toEqual([0, true]);
  });

  it('stops before the row that would pass byte_limit', () => {
    const { builder } = build({ targetBytes: 1000, byteLimit: 20 }, [batchOf(0, 5)]);
    expect([builder.totalRows, builder.truncated]).toEqual([3, true]);
  });

  it('fails a result larger than the INLINE limit', () => {
    expect(() => build({ targetBytes: 1000, failAboveBytes: 10 }, [batchOf(0, 5)])).toThrow(/INLINE/);
  });

  it('gives no chunk for an empty result', () => {
    expect(build({ targetBytes: 1000 }, []).chunks).toEqual([]);
  });
});
