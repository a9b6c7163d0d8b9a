import { describe, expect, it } from 'vitest';
import { formatCell, formatTable } from './format-table.js';

describe('formatTable', () => {
  it('lays out rows like DataFrame.show()', () => {
    const text = formatTable({
      columns: ['id', 'name'],
      rows: [
        ['1', 'a'],
        ['22', null],
      ],
      truncated: false,
    });
    expect(text).toBe(
      ['+--+----+', '|id|name|', '+--+----+', '| 1|   a|', '|22|NULL|', '+--+----+'].join('\n'),
    );
  });

  it('says when it shows only the first rows', () => {
    expect(formatTable({ columns: ['x'], rows: [['1']], truncated: true })).toMatch(
      /only showing top 1 row$/,
    );
  });

  it('renders nested values as JSON, on one line, cut when long', () => {
    expect(formatCell([1, 2])).toBe('[1,2]');
    expect(formatCell('a\nb')).toBe('a\\nb');
    expect(formatCell('x'.repeat(100))).toHaveLength(60);
  });
});
