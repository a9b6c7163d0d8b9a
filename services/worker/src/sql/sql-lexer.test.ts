import { describe, expect, it } from 'vitest';
import { quoteStringLiteral, scanSql, splitStatements, stringLiteralValue } from './sql-lexer.js';

describe('splitStatements', () => {
  it.each([
    ['two statements', 'SELECT 1; SELECT 2;', ['SELECT 1', 'SELECT 2']],
    ['a semicolon in a string', "SELECT 'a;b'; SELECT 2", ["SELECT 'a;b'", 'SELECT 2']],
    ['an escaped quote', "SELECT 'it''s; fine'", ["SELECT 'it''s; fine'"]],
    ['a semicolon in a quoted identifier', 'SELECT 1 AS "a;b"', ['SELECT 1 AS "a;b"']],
    [
      'a semicolon in a line comment',
      'SELECT 1 -- not; here\n; SELECT 2',
      ['SELECT 1 -- not; here', 'SELECT 2'],
    ],
    ['a semicolon in a block comment', 'SELECT /* ; */ 1', ['SELECT /* ; */ 1']],
    [
      'a dollar-quoted string',
      'SELECT $$a;b$$; SELECT $tag$c;d$tag$',
      ['SELECT $$a;b$$', 'SELECT $tag$c;d$tag$'],
    ],
    ['comment-only statements', '-- a header\n;\n/* nothing */;\nSELECT 1;\n-- trailing', ['SELECT 1']],
    [
      'a prepared parameter that is not a dollar quote',
      'SELECT $1; SELECT a$b$',
      ['SELECT $1', 'SELECT a$b$'],
    ],
    ['blank input', '  \n ', []],
  ])('handles %s', (_name, sql, statements) => {
    expect(splitStatements(sql)).toEqual(statements);
  });
});

describe('scanSql', () => {
  it('gives back the input when its segments are joined', () => {
    const sql = 'SELECT \'x\' AS "y" -- c\n/* d */ FROM $$e$$;';
    expect(
      scanSql(sql)
        .map((segment) => segment.text)
        .join(''),
    ).toBe(sql);
  });
});

describe('string literals', () => {
  it('round-trips values with quotes', () => {
    expect(stringLiteralValue(quoteStringLiteral("it's"))).toBe("it's");
    expect(quoteStringLiteral("it's")).toBe("'it''s'");
  });
});
