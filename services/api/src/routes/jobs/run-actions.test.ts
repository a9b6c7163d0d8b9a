import { type LifeCycleState, newRunRecord, type RunRecord } from '@brickyard/common/runs';
import { describe, expect, it } from 'vitest';
import { cancellation } from './run-actions.js';

const queued = newRunRecord({
  workspaceId: 1,
  host: 'http://h',
  runId: 10,
  taskRunIds: [11],
  now: 1000,
  creatorUserName: 'u',
  runAsUserName: 'u',
  runName: 'r',
  runType: 'SUBMIT_RUN',
  trigger: 'ONE_TIME',
  tasks: [{ task_key: 't', notebook_task: { notebook_path: '/n' } }],
  settings: {},
});

const inState = (life_cycle_state: LifeCycleState, extra: Partial<RunRecord> = {}): RunRecord => ({
  ...queued,
  state: { ...queued.state, life_cycle_state },
  ...extra,
});

describe('cancellation', () => {
  it('finalises a queued run at once', () => {
    expect(cancellation(queued, 2000, 'u')?.state).toMatchObject({
      life_cycle_state: 'TERMINATED',
      result_state: 'CANCELED',
    });
  });

  it.each<LifeCycleState>(['PENDING', 'RUNNING', 'BLOCKED', 'WAITING_FOR_RETRY', 'TERMINATING'])(
    'asks the scheduler to stop a %s run',
    (state) => {
      const result = cancellation(inState(state), 2000, 'u');
      expect(result?.cancel_requested).toBe(true);
      expect(result?.state.life_cycle_state).toBe(state);
    },
  );

  it.each<[string, RunRecord]>([
    ['a terminated run', inState('TERMINATED')],
    ['a skipped run', inState('SKIPPED')],
    ['a run already asked to stop', inState('RUNNING', { cancel_requested: true })],
  ])('leaves %s alone', (_case, run) => {
    expect(cancellation(run, 2000, 'u')).toBeUndefined();
  });
});
