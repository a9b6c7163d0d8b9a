import { describe, expect, it } from 'vitest';
import { substituteMarkers } from './marker-substitution.js';

const named = (sql: string, literals: Record<string, string>) =>
  substituteMarkers(sql, { named: literals, positional: [] });

describe('substituteMarkers', () => {
  it.each([
    ['SELECT :a + :b, :a', 'SELECT 1 + 2, 1'],
    ['SELECT * FROM t WHERE x = :a AND y IN (:b)', 'SELECT * FROM t WHERE x = 1 AND y IN (2)'],
    ['SELECT \':a\', "x:a", `c:a`, :a', 'SELECT \':a\', "x:a", `c:a`, 1'],
    ["SELECT 'it\\'s :a', :a", "SELECT 'it\\'s :a', 1"],
    ['SELECT :a -- not :b\n, :b', 'SELECT 1 -- not :b\n, 2'],
    ['SELECT /* :a /* nested :a */ still :a */ :b', 'SELECT /* :a /* nested :a */ still :a */ 2'],
    ['SELECT x::int, :a::string', 'SELECT x::int, 1::string'],
    ['SELECT :missing, :a', 'SELECT :missing, 1'],
    ["SELECT 'unterminated :a", "SELECT 'unterminated :a"],
  ])('%j becomes %j', (sql, expected) => {
    expect(named(sql, { a: '1', b: '2' })).toBe(expected);
  });

  it('replaces ? markers in order, outside literals, and leaves those past the last parameter', () => {
    expect(substituteMarkers("SELECT ?, '?', ?, ?", { named: {}, positional: ['1', "'x'"] })).toBe(
      "SELECT 1, '?', 'x', ?",
    );
  });

  it('keeps a statement without parameters as it is', () => {
    expect(substituteMarkers('SELECT ?, :a', { named: {}, positional: [] })).toBe('SELECT ?, :a');
  });
});
