import { describe, expect, it } from 'vitest';
import type { ResultData, StatementResponse } from '../../rest/statements';
import { collectRows, failureMessage, isInProgress, MAX_ROWS, resultTable } from './statement-result';

const succeeded: StatementResponse = {
  statement_id: 's1',
  status: { state: 'SUCCEEDED' },
  manifest: {
    schema: {
      column_count: 2,
      columns: [
        { name: 'b', position: 1, type_name: 'STRING', type_text: 'STRING' },
        { name: 'a', position: 0, type_name: 'INT', type_text: 'INT' },
      ],
    },
    total_chunk_count: 1,
    total_row_count: 1,
    truncated: false,
  },
  result: { data_array: [['1', 'x']] },
};

describe('a statement result', () => {
  it('has the manifest columns in their positions, numeric ones marked', () => {
    const table = resultTable(succeeded, [['1', 'x']]);
    expect(table.columns).toEqual([
      { position: 0, name: 'a', typeText: 'INT', numeric: true },
      { position: 1, name: 'b', typeText: 'STRING', numeric: false },
    ]);
    expect(table).toMatchObject({ rows: [['1', 'x']], totalRowCount: 1, truncated: false });
  });

  it('of a statement without rows (a DDL) has no columns', () => {
    const table = resultTable({ statement_id: 's', status: { state: 'SUCCEEDED' } }, []);
    expect(table).toEqual({ columns: [], rows: [], totalRowCount: 0, truncated: false });
  });

  it('follows next_chunk_internal_link from chunk to chunk', async () => {
    const chunks: Record<string, ResultData> = {
      '/c/1': { data_array: [['2']], next_chunk_internal_link: '/c/2' },
      '/c/2': { data_array: [['3'], [null]] },
    };
    const read = async (link: string) => chunks[link] ?? {};
    const rows = await collectRows({ data_array: [['1']], next_chunk_internal_link: '/c/1' }, read);
    expect(rows).toEqual([['1'], ['2'], ['3'], [null]]);
  });

  it('stops collecting at MAX_ROWS', async () => {
    const full = Array.from({ length: MAX_ROWS }, (_, index) => [String(index)]);
    const read = async () => {
      throw new Error('no chunk is read past the limit');
    };
    const rows = await collectRows({ data_array: full, next_chunk_internal_link: '/c/1' }, read);
    expect(rows).toHaveLength(MAX_ROWS);
  });

  it('without a result has no rows', async () => {
    expect(await collectRows(undefined, async () => ({}))).toEqual([]);
  });

  it.each([
    ['PENDING', true],
    ['RUNNING', true],
    ['SUCCEEDED', false],
    ['FAILED', false],
    ['CANCELED', false],
  ] as const)('in state %s is in progress: %s', (state, polled) => {
    expect(isInProgress(state)).toBe(polled);
  });

  it('that failed says why, in the API words', () => {
    const failed: StatementResponse = {
      statement_id: 's',
      status: { state: 'FAILED', error: { error_code: 'BAD_REQUEST', message: 'Table not found' } },
    };
    expect(failureMessage(failed)).toBe('BAD_REQUEST: Table not found');
    expect(failureMessage({ statement_id: 's', status: { state: 'CLOSED' } })).toContain('CLOSED');
  });
});
