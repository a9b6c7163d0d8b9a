import { describe, expect, it } from 'vitest';
import type { Run } from './jobs-api';
import { runHistoryOf } from './run-history';

function run(run_id: number, result: string | undefined, start: number, end: number): Run {
  return {
    run_id,
    number_in_job: run_id,
    run_name: 'job',
    run_type: 'JOB_RUN',
    trigger: 'ONE_TIME',
    state: result
      ? { life_cycle_state: 'TERMINATED', result_state: result }
      : { life_cycle_state: 'RUNNING' },
    start_time: start,
    end_time: end,
  };
}

describe('the runs history chart', () => {
  it('shows the oldest run first, each in the series of its outcome', () => {
    const history = runHistoryOf(
      [run(3, undefined, 9_000, 0), run(2, 'FAILED', 4_000, 6_000), run(1, 'SUCCESS', 1_000, 4_000)],
      10_000,
    );
    expect(history.runIds).toEqual([1, 2, 3]);
    expect(history.xs).toEqual([0, 1, 2]);
    expect(history.series).toEqual([
      { outcome: 'succeeded', seconds: [3, null, null] },
      { outcome: 'failed', seconds: [null, 2, null] },
      { outcome: 'active', seconds: [null, null, 1] },
    ]);
  });

  it('has no series without runs', () => {
    expect(runHistoryOf([], 0).series).toEqual([]);
  });
});
