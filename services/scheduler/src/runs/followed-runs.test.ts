import { newRunRecord } from '@brickyard/common/runs';
import { taskJobId } from '@brickyard/common/tasks';
import { describe, expect, it } from 'vitest';
import { FollowedRuns } from './followed-runs.js';
import { booked } from './run-book.js';

function pendingRun() {
  const run = booked(
    newRunRecord({
      workspaceId: 42,
      host: 'http://localhost',
      runId: 1000,
      taskRunIds: [2000, 2001],
      now: 1_700_000_000_000,
      creatorUserName: 'ada@example.com',
      runAsUserName: 'ada@example.com',
      jobId: 7,
      runName: 'test',
      runType: 'JOB_RUN',
      trigger: 'ONE_TIME',
      tasks: [
        { task_key: 'a', existing_cluster_id: 'c1', notebook_task: { notebook_path: '/nb/a' } },
        { task_key: 'b', existing_cluster_id: 'c2', notebook_task: { notebook_path: '/nb/b' } },
      ],
      settings: {},
    }),
  );
  run.state.life_cycle_state = 'RUNNING';
  const [dispatched, waiting] = run.tasks;
  if (!dispatched || !waiting) throw new Error('two tasks expected');
  dispatched.state.life_cycle_state = 'PENDING';
  dispatched.scheduler = { cluster_id: 'c1', dispatched_at: 1 };
  waiting.state.life_cycle_state = 'PENDING';
  return run;
}

describe('FollowedRuns', () => {
  it('routes a cluster to the runs waiting for it and a queue job to its run', () => {
    const followed = new FollowedRuns();
    const run = pendingRun();
    followed.follow(run);
    expect(followed.waitingFor('c1')).toEqual([1000]);
    expect(followed.waitingFor('c2')).toEqual([1000]);
    expect(followed.waitingFor('c3')).toEqual([]);
    expect(followed.clustersInUse()).toEqual(new Set(['c1', 'c2']));
    expect(followed.runOfJob(taskJobId(2000, 0))).toBe(1000);
    expect(followed.get(1000)).toMatchObject({ workspaceId: 42, lifeCycleState: 'RUNNING', stopping: false });
  });

  it('keeps the jobs of a run it stops following, and forgets them when the run is over', () => {
    const followed = new FollowedRuns();
    const run = pendingRun();
    followed.follow(run);
    followed.unfollow(1000);
    expect(followed.has(1000)).toBe(false);
    expect(followed.runOfJob(taskJobId(2000, 0))).toBe(1000);
    followed.forget(run);
    expect(followed.runOfJob(taskJobId(2000, 0))).toBeUndefined();
  });
});
