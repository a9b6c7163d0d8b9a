import { describe, expect, it } from 'vitest';
import { MissingParameterError, substituteParameters } from './sql-parameters.js';

describe('substituteParameters', () => {
  it.each([
    ['in code', 'SELECT * FROM t WHERE id > {{min}}', { min: '2' }, 'SELECT * FROM t WHERE id > 2'],
    ['inside a string literal', "WHERE day = '{{day}}'", { day: '2024-01-01' }, "WHERE day = '2024-01-01'"],
    ['with spaces in the braces', 'SELECT {{ n }}', { n: '1' }, 'SELECT 1'],
    ['inside a DBFS path', "read_csv('dbfs:/in/{{day}}.csv')", { day: 'd1' }, "read_csv('dbfs:/in/d1.csv')"],
    ['but not in comments', 'SELECT 1 -- {{missing}}', {}, 'SELECT 1 -- {{missing}}'],
    ['twice', 'SELECT {{a}}, {{a}}', { a: 'x' }, 'SELECT x, x'],
  ])('substitutes {{name}} %s', (_name, sql, parameters, expected) => {
    expect(substituteParameters(sql, parameters)).toBe(expected);
  });

  it('leaves DuckDB $name parameters alone', () => {
    expect(substituteParameters('SELECT $name', { name: 'x' })).toBe('SELECT $name');
  });

  it('names every parameter without a value', () => {
    const error = (() => {
      try {
        substituteParameters('SELECT {{a}}, {{b}}, {{c}}', { b: '1' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MissingParameterError);
    expect((error as MissingParameterError).names).toEqual(['a', 'c']);
    expect((error as Error).message).toContain("'a', 'c'");
  });

  it('does not take values from the prototype chain', () => {
    expect(() => substituteParameters('SELECT {{toString}}', {})).toThrow(MissingParameterError);
  });
});
