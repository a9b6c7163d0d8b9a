import { describe, expect, it } from 'vitest';
import { columnRowSet, nullBitmap, tColumn } from './column-row-set.js';

describe('column-based row sets', () => {
  it('flag NULLs least significant bit first, one bit a row', () => {
    expect(nullBitmap([])).toEqual(Buffer.alloc(0));
    expect(nullBitmap([1, null, 2])).toEqual(Buffer.from([0b010]));
    expect(nullBitmap([...Array(8).fill(1), null])).toEqual(Buffer.from([0, 1]));
  });

  it('keep integers, floating point numbers, booleans and binaries in their own lists', () => {
    expect(tColumn({ kind: 'int' }, [1, null]).i32Val?.values).toEqual([1, 0]);
    expect(tColumn({ kind: 'short' }, [7]).i16Val?.values).toEqual([7]);
    expect(tColumn({ kind: 'byte' }, [-1]).byteVal?.values).toEqual([-1]);
    expect(tColumn({ kind: 'double' }, [1.5]).doubleVal?.values).toEqual([1.5]);
    expect(tColumn({ kind: 'boolean' }, [true, false, null]).boolVal?.values).toEqual([true, false, false]);
    expect(tColumn({ kind: 'binary' }, [Uint8Array.of(1, 2)]).binaryVal?.values).toEqual([
      Buffer.from([1, 2]),
    ]);
  });

  it('carry 64-bit integers exactly', () => {
    const [big, small] = tColumn({ kind: 'long' }, [9223372036854775807n, -5]).i64Val?.values ?? [];
    expect(big?.buffer.readBigInt64BE(big.offset)).toBe(9223372036854775807n);
    expect(small?.toNumber()).toBe(-5);
  });

  it('send every other type as text', () => {
    const column = tColumn({ kind: 'decimal', precision: 10, scale: 2 }, ['1.50', null]);
    expect(column.stringVal?.values).toEqual(['1.50', '']);
    expect(column.stringVal?.nulls).toEqual(Buffer.from([0b10]));
  });

  it('say where in the result their rows start', () => {
    const rowSet = columnRowSet(
      [
        { name: 'id', type: { kind: 'int' } },
        { name: 'name', type: { kind: 'string' } },
      ],
      [
        [1, 2],
        ['a', 'b'],
      ],
      10,
    );
    expect(rowSet.startRowOffset.toNumber()).toBe(10);
    expect(rowSet.columnCount).toBe(2);
    expect(rowSet.columns?.[1]?.stringVal?.values).toEqual(['a', 'b']);
  });
});
