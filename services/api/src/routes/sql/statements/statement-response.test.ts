import { describe, expect, it } from 'vitest';
import type { ResultChunks } from '../../../sql-statements/result-chunks.js';
import type { StatementRecord } from '../../../sql-statements/statement-record.js';
import { resultDataText, statementResponseText } from './statement-response.js';

/** The views below never reach the object store: INLINE answers get their chunk handed in. */
const noChunks = {} as ResultChunks;
const ID = '01f1c46b-c6a4-1a9a-9f97-7eff37bf8459';

const base: StatementRecord = {
  statement_id: ID,
  workspace_id: 1,
  warehouse_id: 'abcdef0123456789',
  statement: 'SELECT 1',
  user_name: 'a@b.c',
  user_id: 1,
  state: 'PENDING',
  disposition: 'INLINE',
  format: 'JSON_ARRAY',
  runner: 'r',
  created_at: 1,
};

const succeeded = (chunkCount: number): StatementRecord => ({
  ...base,
  state: 'SUCCEEDED',
  results_expire_at: Date.now() + 60_000,
  manifest: {
    format: 'JSON_ARRAY',
    schema: { column_count: 1, columns: [{ name: 'a', position: 0, type_name: 'INT', type_text: 'INT' }] },
    total_row_count: chunkCount * 2,
    total_chunk_count: chunkCount,
    total_byte_count: chunkCount * 13,
    chunks: Array.from({ length: chunkCount }, (_, index) => ({
      chunk_index: index,
      row_offset: index * 2,
      row_count: 2,
      byte_count: 13,
    })),
    truncated: false,
  },
});

const view = async (record: StatementRecord, first?: string) =>
  JSON.parse(
    await statementResponseText(record, noChunks, first === undefined ? undefined : Buffer.from(first)),
  );

describe('statementResponseText', () => {
  it('gives a statement that did not end its id and state only', async () => {
    expect(await view(base)).toEqual({ statement_id: ID, status: { state: 'PENDING' } });
    expect(await view({ ...base, state: 'RUNNING' })).toEqual({
      statement_id: ID,
      status: { state: 'RUNNING' },
    });
  });

  it('gives a failed statement its error and SQLSTATE, and no manifest', async () => {
    const failed: StatementRecord = {
      ...base,
      state: 'FAILED',
      error: { error_code: 'BAD_REQUEST', message: '[X] no. SQLSTATE: 42703' },
      sql_state: '42703',
    };
    expect(await view(failed)).toEqual({
      statement_id: ID,
      status: { state: 'FAILED', error: failed.error, sql_state: '42703' },
    });
  });

  it('gives a statement without rows its manifest and an empty result', async () => {
    expect(await view(succeeded(0))).toEqual({
      statement_id: ID,
      status: { state: 'SUCCEEDED' },
      manifest: {
        format: 'JSON_ARRAY',
        schema: succeeded(0).manifest?.schema,
        total_chunk_count: 0,
        total_row_count: 0,
        truncated: false,
      },
      result: {},
    });
  });

  it('gives an INLINE result its first chunk and the link to the next, chunks without byte counts', async () => {
    const response = await view(succeeded(2), '[["1"],["2"]]');
    expect(response.manifest.chunks).toEqual([
      { chunk_index: 0, row_offset: 0, row_count: 2 },
      { chunk_index: 1, row_offset: 2, row_count: 2 },
    ]);
    expect(response.manifest.total_byte_count).toBeUndefined();
    expect(response.result).toEqual({
      chunk_index: 0,
      row_offset: 0,
      row_count: 2,
      next_chunk_index: 1,
      next_chunk_internal_link: `/api/2.0/sql/statements/${ID}/result/chunks/1`,
      data_array: [['1'], ['2']],
    });
  });

  it('shows a statement whose results expired as CLOSED, without them', async () => {
    expect(await view({ ...succeeded(1), results_expire_at: Date.now() - 1 })).toEqual({
      statement_id: ID,
      status: { state: 'CLOSED' },
    });
  });
});

describe('resultDataText', () => {
  it('refuses a chunk past the last, and chunks of a statement that did not succeed', async () => {
    await expect(resultDataText(succeeded(2), 2, noChunks)).rejects.toMatchObject({
      statusCode: 400,
      errorCode: 'INVALID_PARAMETER_VALUE',
      message: 'The chunk_index 2 is out of bounds.',
    });
    await expect(resultDataText({ ...base, state: 'FAILED' }, 0, noChunks)).rejects.toMatchObject({
      statusCode: 404,
      errorCode: 'NOT_FOUND',
    });
  });

  it('gives the last chunk no next link', async () => {
    const last = JSON.parse(await resultDataText(succeeded(2), 1, noChunks, Buffer.from('[["3"],["4"]]')));
    expect(last).toEqual({ chunk_index: 1, row_offset: 2, row_count: 2, data_array: [['3'], ['4']] });
  });
});
