import { describe, expect, it } from 'vitest';
import { chartSeries, defaultAxes } from './chart-series';
import type { ResultTable } from './statement-result';

const table = (columns: [string, boolean][], rows: (string | null)[][]): ResultTable => ({
  columns: columns.map(([name, numeric], position) => ({
    position,
    name,
    numeric,
    typeText: numeric ? 'LONG' : 'STRING',
  })),
  rows,
  totalRowCount: rows.length,
  truncated: false,
});

describe('a chart of a result', () => {
  it('plots the first category against the first number by default', () => {
    expect(
      defaultAxes(
        table(
          [
            ['n', true],
            ['name', false],
          ],
          [],
        ),
      ),
    ).toEqual({ x: 1, y: 0 });
    expect(
      defaultAxes(
        table(
          [
            ['x', true],
            ['y', true],
          ],
          [],
        ),
      ),
    ).toEqual({ x: 1, y: 0 });
    expect(defaultAxes(table([['only', true]], []))).toEqual({ x: 0, y: 0 });
  });

  it('has no default without a numeric column', () => {
    expect(defaultAxes(table([['name', false]], []))).toBeUndefined();
  });

  it('places categories at positions in row order, named by their text', () => {
    const series = chartSeries(
      table(
        [
          ['kind', false],
          ['n', true],
        ],
        [
          ['b', '3'],
          [null, '1.5'],
          ['a', null],
        ],
      ),
      { x: 0, y: 1 },
    );
    expect(series).toEqual({ xs: [0, 1, 2], ys: [3, 1.5, null], labels: ['b', 'NULL', 'a'] });
  });

  it('plots a numeric X at its values in ascending order, dropping rows without an X', () => {
    const series = chartSeries(
      table(
        [
          ['x', true],
          ['y', true],
        ],
        [
          ['10', '1'],
          ['2', 'not a number'],
          [null, '5'],
          ['5', '7'],
        ],
      ),
      { x: 0, y: 1 },
    );
    expect(series).toEqual({ xs: [2, 5, 10], ys: [null, 7, 1], labels: undefined });
  });
});
