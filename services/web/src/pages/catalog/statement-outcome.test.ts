import { describe, expect, it } from 'vitest';
import { isInProgress, outcomeOf } from './statement-outcome';

describe('statement outcomes', () => {
  it('reads the columns in position order and the first chunk', () => {
    const outcome = outcomeOf({
      statement_id: 's',
      status: { state: 'SUCCEEDED' },
      manifest: {
        schema: {
          columns: [
            { name: 'b', type_name: 'STRING', type_text: 'STRING', position: 1 },
            { name: 'a', type_name: 'INT', type_text: 'INT', position: 0 },
          ],
          column_count: 2,
        },
        total_chunk_count: 1,
        total_row_count: 2,
        truncated: false,
      },
      result: {
        data_array: [
          ['1', null],
          ['2', 'x'],
        ],
      },
    });
    expect(outcome).toEqual({
      phase: 'succeeded',
      result: {
        columns: [
          { name: 'a', typeText: 'INT' },
          { name: 'b', typeText: 'STRING' },
        ],
        rows: [
          ['1', null],
          ['2', 'x'],
        ],
        more: false,
      },
    });
  });

  it('tells when more rows exist than were shown', () => {
    const outcome = outcomeOf({
      statement_id: 's',
      status: { state: 'SUCCEEDED' },
      manifest: {
        schema: { column_count: 0, columns: [] },
        total_chunk_count: 2,
        total_row_count: 5000,
        truncated: false,
      },
      result: { data_array: [['1']], next_chunk_index: 1 },
    });
    expect(outcome.phase === 'succeeded' && outcome.result.more).toBe(true);
  });

  it('gives the message of a failure', () => {
    expect(
      outcomeOf({
        statement_id: 's',
        status: { state: 'FAILED', error: { error_code: 'BAD_REQUEST', message: 'TABLE_OR_VIEW_NOT_FOUND' } },
      }),
    ).toEqual({ phase: 'failed', message: 'TABLE_OR_VIEW_NOT_FOUND' });
    expect(outcomeOf({ statement_id: 's', status: { state: 'CANCELED' } })).toEqual({ phase: 'canceled' });
  });

  it('knows which states are still going', () => {
    expect(isInProgress('PENDING')).toBe(true);
    expect(isInProgress('RUNNING')).toBe(true);
    expect(isInProgress('SUCCEEDED')).toBe(false);
  });
});
