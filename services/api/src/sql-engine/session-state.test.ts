import { describe, expect, it } from 'vitest';
import { leavesSessionUnchanged } from './session-state.js';

describe('leavesSessionUnchanged', () => {
  it.each([
    'SELECT 1',
    '  select * from t where x = 1;',
    '-- a comment\n/* another */ (SELECT 1) UNION ALL (SELECT 2)',
    'WITH a AS (SELECT 1) SELECT * FROM a',
    'INSERT INTO t VALUES (1)',
    'CREATE TABLE t (a INT)',
    'CREATE OR REPLACE VIEW v AS SELECT 1',
    'DROP TABLE IF EXISTS t',
    'DESCRIBE TABLE EXTENDED t',
    'SHOW TABLES',
  ])('%j leaves the session as it was', (sql) => {
    expect(leavesSessionUnchanged(sql)).toBe(true);
  });

  it.each([
    'USE main.default',
    'SET spark.sql.ansi.enabled = false',
    'RESET',
    'CREATE TEMPORARY VIEW v AS SELECT 1',
    'create or replace temp view v as select 1',
    'CREATE GLOBAL TEMPORARY VIEW v AS SELECT 1',
    'DROP TEMPORARY FUNCTION f',
    'DECLARE VARIABLE x INT DEFAULT 1',
    'CACHE TABLE c AS SELECT 1',
    'BEGIN SELECT 1; END',
    'SELECT 1; SET x = 1',
    '/* unterminated',
    '`weird`',
  ])('%j may change the session', (sql) => {
    expect(leavesSessionUnchanged(sql)).toBe(false);
  });
});
