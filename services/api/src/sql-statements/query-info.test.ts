import { describe, expect, it } from 'vitest';
import { decodeHistoryToken, encodeHistoryToken, matchesFilter } from './query-history.js';
import { queryInfo, statementType } from './query-info.js';
import type { StatementRecord } from './statement-record.js';

const record: StatementRecord = {
  statement_id: 's1',
  workspace_id: 1,
  warehouse_id: 'w1',
  statement: 'SELECT 1',
  user_name: 'a@b.c',
  user_id: 7,
  state: 'SUCCEEDED',
  disposition: 'INLINE',
  format: 'JSON_ARRAY',
  runner: 'r',
  created_at: 1000,
  started_at: 1100,
  ended_at: 1500,
  spark_session_id: 'session',
  client_application: 'databricks-sdk-py',
  manifest: {
    format: 'JSON_ARRAY',
    schema: { column_count: 1 },
    total_row_count: 3,
    total_chunk_count: 1,
    total_byte_count: 10,
    chunks: [],
    truncated: false,
  },
};

describe('statementType', () => {
  it.each([
    ['SELECT 1', 'SELECT'],
    ['  -- a comment\n/* another */ (select 1)', 'SELECT'],
    ['WITH t AS (SELECT 1) SELECT * FROM t', 'SELECT'],
    ['insert into t values (1)', 'INSERT'],
    ['CREATE TABLE t (a INT)', 'CREATE'],
    ['desc t', 'DESCRIBE'],
    ['MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE', 'MERGE'],
    ['CALL something()', 'OTHER'],
    ['', 'OTHER'],
  ])('%j is %s', (sql, type) => {
    expect(statementType(sql)).toBe(type);
  });
});

describe('queryInfo', () => {
  it('describes a finished statement with its times, rows and session', () => {
    expect(queryInfo(record, false)).toEqual({
      query_id: 's1',
      status: 'FINISHED',
      query_text: 'SELECT 1',
      statement_type: 'SELECT',
      warehouse_id: 'w1',
      endpoint_id: 'w1',
      user_id: 7,
      user_name: 'a@b.c',
      executed_as_user_id: 7,
      executed_as_user_name: 'a@b.c',
      query_start_time_ms: 1000,
      query_end_time_ms: 1500,
      execution_end_time_ms: 1500,
      duration: 500,
      rows_produced: 3,
      is_final: true,
      session_id: 'session',
      client_application: 'databricks-sdk-py',
    });
  });

  it('adds metrics when asked', () => {
    expect(queryInfo(record, true).metrics).toEqual({
      total_time_ms: 500,
      execution_time_ms: 400,
      rows_produced_count: 3,
    });
  });

  it('maps the states of statements to the statuses of the history', () => {
    const status = (state: StatementRecord['state']) => queryInfo({ ...record, state }, false).status;
    expect(
      ['PENDING', 'RUNNING', 'FAILED', 'CANCELED'].map((state) => status(state as StatementRecord['state'])),
    ).toEqual(['QUEUED', 'RUNNING', 'FAILED', 'CANCELED']);
  });
});

describe('the history filter and page tokens', () => {
  it.each([
    [{}, true],
    [{ warehouseIds: ['w1', 'w2'] }, true],
    [{ warehouseIds: ['w2'] }, false],
    [{ statuses: ['FINISHED'] }, true],
    [{ statuses: ['FAILED'] }, false],
    [{ userIds: [7] }, true],
    [{ startTimeMs: 1000, endTimeMs: 1000 }, true],
    [{ startTimeMs: 1001 }, false],
  ])('%o matches: %s', (filter, matches) => {
    expect(matchesFilter(record, filter)).toBe(matches);
  });

  it('round-trips a page token and refuses a forged one', () => {
    expect(decodeHistoryToken(encodeHistoryToken({ createdAt: 5, id: 'x' }))).toEqual({
      createdAt: 5,
      id: 'x',
    });
    expect(() => decodeHistoryToken('garbage')).toThrow(/Invalid page_token/);
  });
});
