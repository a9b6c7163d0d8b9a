import type { ResultState } from '@brickyard/common/runs';
import { describe, expect, it } from 'vitest';
import { type FinishedTask, runOutcome } from './run-result.js';

function task(key: string, result: ResultState, dependsOn: string[] = [], message = ''): FinishedTask {
  return {
    task_key: key,
    depends_on: dependsOn.map((task_key) => ({ task_key })),
    life_cycle_state: 'TERMINATED',
    result_state: result,
    state_message: message,
  };
}

describe('the result of a run', () => {
  it('is SUCCESS when every task succeeded or was excluded', () => {
    expect(runOutcome([task('a', 'SUCCESS'), task('b', 'EXCLUDED', ['a'])])).toMatchObject({
      result: 'SUCCESS',
    });
  });

  it('is SUCCESS_WITH_FAILURES when a task failed but every leaf succeeded', () => {
    const outcome = runOutcome([task('a', 'FAILED'), task('cleanup', 'SUCCESS', ['a'])]);
    expect(outcome).toMatchObject({ lifeCycle: 'TERMINATED', result: 'SUCCESS_WITH_FAILURES' });
  });

  it('is FAILED when a leaf failed, naming the failed task', () => {
    const outcome = runOutcome([task('a', 'FAILED', [], 'boom'), task('b', 'UPSTREAM_FAILED', ['a'])]);
    expect(outcome).toEqual({
      lifeCycle: 'TERMINATED',
      result: 'FAILED',
      message: 'Task a failed with message: boom.',
    });
  });

  it('is TIMEDOUT when the failed leaves all timed out', () => {
    expect(runOutcome([task('a', 'TIMEDOUT')])).toMatchObject({ result: 'TIMEDOUT' });
  });

  it('is CANCELED when the failed leaves were all canceled', () => {
    expect(runOutcome([task('a', 'CANCELED'), task('b', 'UPSTREAM_CANCELED', ['a'])])).toMatchObject({
      result: 'CANCELED',
    });
  });

  it('is INTERNAL_ERROR when a task could not get its cluster', () => {
    const broken: FinishedTask = {
      ...task('a', 'FAILED', [], 'Cluster x does not exist.'),
      life_cycle_state: 'INTERNAL_ERROR',
      termination_code: 'RESOURCE_NOT_FOUND',
    };
    expect(runOutcome([broken])).toEqual({
      lifeCycle: 'INTERNAL_ERROR',
      result: 'FAILED',
      message: 'Cluster x does not exist.',
      code: 'RESOURCE_NOT_FOUND',
    });
  });
});
