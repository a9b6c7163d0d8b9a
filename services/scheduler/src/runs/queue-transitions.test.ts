import { newRunRecord } from '@brickyard/common/runs';
import { describe, expect, it } from 'vitest';
import { claimRun, holdInQueue, QUEUE_REASON, skipRun } from './queue-transitions.js';

const run = newRunRecord({
  workspaceId: 1,
  host: 'http://h',
  runId: 10,
  taskRunIds: [11],
  now: 1_000,
  creatorUserName: 'u',
  runAsUserName: 'u',
  jobId: 2,
  runName: 'r',
  runType: 'JOB_RUN',
  trigger: 'ONE_TIME',
  tasks: [{ task_key: 'a', notebook_task: { notebook_path: '/x' } }],
  settings: { max_concurrent_runs: 1 },
});

describe('queued runs', () => {
  it('are claimed into PENDING with their time in the queue', () => {
    const claimed = claimRun(run, 1_500);
    expect(claimed.state.life_cycle_state).toBe('PENDING');
    expect(claimed.scheduler).toEqual({ claimed_at: 1_500 });
    expect(claimed.queue_duration).toBe(500);
  });

  it('say once why they wait in the queue', () => {
    const held = holdInQueue(run, 1);
    expect(held?.state.queue_reason).toBe(QUEUE_REASON);
    expect(held?.status.queue_details?.code).toBe('MAX_CONCURRENT_RUNS_REACHED');
    expect(held && holdInQueue(held, 1)).toBeUndefined();
  });

  it('are skipped with MAXIMUM_CONCURRENT_RUNS_REACHED', () => {
    const skipped = skipRun(run, 2_000, 1);
    expect(skipped.state).toMatchObject({
      life_cycle_state: 'SKIPPED',
      result_state: 'MAXIMUM_CONCURRENT_RUNS_REACHED',
    });
    expect(skipped.status).toMatchObject({
      state: 'TERMINATED',
      termination_details: { code: 'MAX_CONCURRENT_RUNS_EXCEEDED' },
    });
    expect(skipped.tasks[0]?.state.life_cycle_state).toBe('SKIPPED');
    expect(skipped.end_time).toBe(2_000);
  });
});
