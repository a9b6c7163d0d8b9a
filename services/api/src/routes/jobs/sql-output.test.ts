import type { RunTaskRecord } from '@brickyard/common/runs';
import { describe, expect, it } from 'vitest';
import { sqlOutputOf } from './sql-output.js';

const finished = { life_cycle_state: 'TERMINATED', result_state: 'SUCCESS' } as RunTaskRecord['state'];

describe('the sql_output of a task run', () => {
  it('names the warehouse of a file task', () => {
    const task = { sql_task: { warehouse_id: 'w1', file: { path: '/q.sql' } }, state: finished };
    expect(sqlOutputOf(task, undefined)).toEqual({ file_output: { warehouse_id: 'w1' } });
  });

  it('names the warehouse and the text of a saved query', () => {
    const task = { sql_task: { warehouse_id: 'w1', query: { query_id: 'q1' } }, state: finished };
    expect(sqlOutputOf(task, 'SELECT 1')).toEqual({
      query_output: { warehouse_id: 'w1', endpoint_id: 'w1', query_text: 'SELECT 1' },
    });
  });

  it.each<[string, Pick<RunTaskRecord, 'sql_task' | 'state'>]>([
    ['a task that is not a sql_task', { state: finished }],
    [
      'a sql_task still running',
      {
        sql_task: { warehouse_id: 'w1', file: { path: '/q.sql' } },
        state: { life_cycle_state: 'RUNNING' } as RunTaskRecord['state'],
      },
    ],
  ])('is absent for %s', (_case, task) => {
    expect(sqlOutputOf(task, 'SELECT 1')).toBeUndefined();
  });
});
