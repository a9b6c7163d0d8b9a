import { parseDefinition } from '@brickyard/common/cluster-policy';
import { newRunRecord, type RunRecord, type RunSettings } from '@brickyard/common/runs';
import type { Task } from '@brickyard/common/schema';
import { taskJobId } from '@brickyard/common/tasks';
import { describe, expect, it } from 'vitest';
import type {
  ClusterObservation,
  JobObservation,
  PolicyObservation,
  RunObservations,
} from './observations.js';
import { claimRun } from './queue-transitions.js';
import { runActions } from './run-actions.js';
import { type BookedRun, booked } from './run-book.js';
import { type PlanSettings, planRun } from './run-plan.js';

const T0 = 1_700_000_000_000;
const SETTINGS: PlanSettings = {
  clusterStartTimeoutMs: 60_000,
  stopGraceMs: 30_000,
  timeoutGraceMs: 10_000,
  cleanupGraceMs: 30_000,
};
const RUNNING: ClusterObservation = { exists: true, state: 'RUNNING', desiredState: 'RUNNING' };

function notebook(key: string, extra: Partial<Task> = {}): Task {
  return {
    task_key: key,
    existing_cluster_id: 'c1',
    notebook_task: { notebook_path: `/nb/${key}` },
    ...extra,
  };
}

function newRun(
  tasks: Task[],
  settings: RunSettings = {},
  extra: Partial<Parameters<typeof newRunRecord>[0]> = {},
) {
  return newRunRecord({
    workspaceId: 42,
    host: 'http://localhost',
    runId: 1000,
    taskRunIds: tasks.map((_, index) => 2000 + index),
    now: T0,
    creatorUserName: 'ada@example.com',
    runAsUserName: 'ada@example.com',
    jobId: 7,
    runName: 'test',
    runType: 'JOB_RUN',
    trigger: 'ONE_TIME',
    tasks,
    settings,
    ...extra,
  });
}

interface World {
  jobs?: Record<string, JobObservation>;
  policies?: Record<string, PolicyObservation>;
  clusters?: Record<string, ClusterObservation>;
  jobClustersLeft?: number;
  jobClustersToMark?: number;
}

function observe(world: World = {}): RunObservations {
  return {
    jobs: new Map(Object.entries(world.jobs ?? {})),
    cluster: (id) => world.clusters?.[id] ?? (id === 'c1' ? RUNNING : { exists: false }),
    warehouse: () => ({ exists: false }),
    savedQuery: (id) => ({ found: false, message: `Query ${id} does not exist.` }),
    clusterPolicy: (id) =>
      world.policies?.[id] ?? { found: false, message: `Cluster policy ${id} does not exist` },
    jobClustersLeft: world.jobClustersLeft ?? 0,
    jobClustersToMark: world.jobClustersToMark ?? 0,
  };
}

/** Claims a run and plans it once, as the scheduler does when it takes a run out of the queue. */
function start(run: RunRecord, world: World = {}, now = T0 + 10): BookedRun {
  const plan = planRun(claimRun(run, now), observe(world), now, SETTINGS);
  return plan.run;
}

function step(run: BookedRun, world: World, now: number) {
  return planRun(run as unknown as RunRecord, observe(world), now, SETTINGS);
}

const job = (taskRunId: number, attempt = 0) => taskJobId(taskRunId, attempt);
const done = (
  result: 'SUCCESS' | 'FAILED' | 'CANCELED',
  extra: Partial<JobObservation> & { timedOut?: boolean; error?: string } = {},
): JobObservation => {
  const { timedOut, error, ...rest } = extra;
  return {
    state: 'completed',
    processedOn: T0 + 100,
    finishedOn: T0 + 200,
    result: {
      result,
      startedAt: T0 + 100,
      finishedAt: T0 + 200,
      ...(timedOut ? { timedOut } : {}),
      ...(error ? { error } : {}),
    },
    ...rest,
  };
};

function taskState(run: BookedRun, key: string) {
  const task = run.tasks.find((candidate) => candidate.task_key === key);
  return { life: task?.state.life_cycle_state, result: task?.state.result_state, task };
}

describe('the run state machine', () => {
  it('claims a run, dispatches its first task and blocks the one that depends on it', () => {
    const run = start(newRun([notebook('a'), notebook('b', { depends_on: [{ task_key: 'a' }] })]));
    expect(run.state.life_cycle_state).toBe('RUNNING');
    expect(run.queue_duration).toBe(10);
    expect(taskState(run, 'a')).toMatchObject({ life: 'PENDING' });
    expect(taskState(run, 'a').task?.cluster_instance).toEqual({ cluster_id: 'c1' });
    expect(taskState(run, 'b')).toMatchObject({ life: 'BLOCKED' });
    const actions = runActions(run, observe(), T0 + 10);
    expect(actions).toEqual([
      expect.objectContaining({ kind: 'dispatch', clusterId: 'c1', jobId: job(2000) }),
    ]);
  });

  it('changes nothing when planned again with the same observations', () => {
    const run = start(newRun([notebook('a')]));
    expect(step(run, {}, T0 + 20).changed).toBe(false);
  });

  it('marks a task RUNNING when a consumer takes it, with its setup time', () => {
    const run = start(newRun([notebook('a')]));
    const next = step(run, { jobs: { [job(2000)]: { state: 'active', processedOn: T0 + 60 } } }, T0 + 70).run;
    expect(taskState(next, 'a')).toMatchObject({ life: 'RUNNING' });
    expect(taskState(next, 'a').task?.setup_duration).toBe(50);
  });

  it('runs the downstream task once the upstream one succeeded, and ends SUCCESS', () => {
    let run = start(newRun([notebook('a'), notebook('b', { depends_on: [{ task_key: 'a' }] })]));
    run = step(run, { jobs: { [job(2000)]: done('SUCCESS') } }, T0 + 300).run;
    expect(taskState(run, 'a')).toMatchObject({ life: 'TERMINATED', result: 'SUCCESS' });
    expect(taskState(run, 'b')).toMatchObject({ life: 'PENDING' });
    expect(runActions(run, observe(), T0 + 300)).toEqual([expect.objectContaining({ jobId: job(2001) })]);
    run = step(
      run,
      { jobs: { [job(2000)]: done('SUCCESS'), [job(2001)]: done('SUCCESS', { finishedOn: T0 + 500 }) } },
      T0 + 600,
    ).run;
    expect(run.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'SUCCESS' });
    expect(run.status).toMatchObject({ state: 'TERMINATED', termination_details: { code: 'SUCCESS' } });
    expect(run.end_time).toBe(T0 + 600);
  });

  it('skips the tasks downstream of a failure and fails the run', () => {
    let run = start(
      newRun([
        notebook('a'),
        notebook('b', { depends_on: [{ task_key: 'a' }] }),
        notebook('c', { depends_on: [{ task_key: 'b' }] }),
      ]),
    );
    run = step(run, { jobs: { [job(2000)]: done('FAILED', { error: 'ValueError: boom' }) } }, T0 + 300).run;
    expect(taskState(run, 'a')).toMatchObject({ life: 'TERMINATED', result: 'FAILED' });
    expect(taskState(run, 'b')).toMatchObject({ life: 'TERMINATED', result: 'UPSTREAM_FAILED' });
    expect(taskState(run, 'c')).toMatchObject({ life: 'TERMINATED', result: 'UPSTREAM_FAILED' });
    expect(run.state).toMatchObject({
      life_cycle_state: 'TERMINATED',
      result_state: 'FAILED',
      state_message: 'Task a failed with message: ValueError: boom.',
    });
  });

  it('runs a failure handler only when something failed (run_if)', () => {
    const tasks = [
      notebook('a'),
      notebook('on_failure', { depends_on: [{ task_key: 'a' }], run_if: 'AT_LEAST_ONE_FAILED' }),
    ];
    const succeeded = step(start(newRun(tasks)), { jobs: { [job(2000)]: done('SUCCESS') } }, T0 + 300).run;
    expect(taskState(succeeded, 'on_failure')).toMatchObject({ result: 'EXCLUDED' });
    expect(succeeded.state.result_state).toBe('SUCCESS');

    const failed = step(start(newRun(tasks)), { jobs: { [job(2000)]: done('FAILED') } }, T0 + 300).run;
    expect(taskState(failed, 'on_failure')).toMatchObject({ life: 'PENDING' });
  });

  it('retries a failed task after min_retry_interval_millis, as a new attempt', () => {
    let run = start(newRun([notebook('a', { max_retries: 1, min_retry_interval_millis: 1_000 })]));
    const failed = step(run, { jobs: { [job(2000)]: done('FAILED') } }, T0 + 300);
    run = failed.run;
    expect(taskState(run, 'a')).toMatchObject({ life: 'WAITING_FOR_RETRY' });
    expect(run.tasks[0]?.status.state).toBe('WAITING');
    expect(failed.wakeAt).toBe(T0 + 1_200);
    expect(step(run, { jobs: {} }, T0 + 1_000).changed).toBe(false);
    run = step(run, {}, T0 + 1_200).run;
    expect(run.tasks[0]).toMatchObject({ attempt_number: 1, state: { life_cycle_state: 'PENDING' } });
    expect(runActions(run, observe(), T0 + 1_200)).toEqual([
      expect.objectContaining({ jobId: job(2000, 1) }),
    ]);
    run = step(run, { jobs: { [job(2000, 1)]: done('FAILED') } }, T0 + 1_500).run;
    expect(run.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'FAILED' });
  });

  it('retries without limit when max_retries is -1', () => {
    let run = start(newRun([notebook('a', { max_retries: -1 })]));
    for (let attempt = 0; attempt < 5; attempt++) {
      run = step(run, { jobs: { [job(2000, attempt)]: done('FAILED') } }, T0 + 300 + attempt).run;
      run = step(run, {}, T0 + 300 + attempt).run;
      expect(run.tasks[0]?.attempt_number).toBe(attempt + 1);
    }
  });

  it('ends a task that timed out TIMEDOUT, and retries it only with retry_on_timeout', () => {
    const timedOut = { [job(2000)]: done('CANCELED', { timedOut: true }) };
    const plain = step(start(newRun([notebook('a', { max_retries: 2 })])), { jobs: timedOut }, T0 + 300).run;
    expect(plain.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'TIMEDOUT' });
    const retried = step(
      start(newRun([notebook('a', { max_retries: 2, retry_on_timeout: true })])),
      { jobs: timedOut },
      T0 + 300,
    ).run;
    // No min_retry_interval_millis: the next attempt starts at once.
    expect(retried.tasks[0]).toMatchObject({ attempt_number: 1, state: { life_cycle_state: 'PENDING' } });
  });

  it('stops a running task when the run is canceled, and ends CANCELED', () => {
    let run = start(newRun([notebook('a'), notebook('b', { depends_on: [{ task_key: 'a' }] })]));
    run.cancel_requested = true;
    const active = { [job(2000)]: { state: 'active', processedOn: T0 + 60 } as JobObservation };
    run = step(run, { jobs: active }, T0 + 100).run;
    expect(run.state.life_cycle_state).toBe('TERMINATING');
    expect(taskState(run, 'a')).toMatchObject({ life: 'TERMINATING' });
    expect(taskState(run, 'b')).toMatchObject({ life: 'TERMINATED', result: 'CANCELED' });
    expect(runActions(run, observe({ jobs: active }), T0 + 100)).toEqual([
      { kind: 'stop', clusterId: 'c1', jobId: job(2000), reason: 'CANCELED' },
    ]);
    run = step(run, { jobs: { [job(2000)]: done('CANCELED') } }, T0 + 400).run;
    expect(run.state).toMatchObject({
      life_cycle_state: 'TERMINATED',
      result_state: 'CANCELED',
      user_cancelled_or_timedout: true,
    });
    expect(run.status.termination_details?.code).toBe('USER_CANCELED');
    expect(run.cancel_requested).toBeUndefined();
  });

  it('gives up on a stopped task whose consumer never answers', () => {
    let run = start(newRun([notebook('a')]));
    run.cancel_requested = true;
    const active = { [job(2000)]: { state: 'active', processedOn: T0 + 60 } as JobObservation };
    run = step(run, { jobs: active }, T0 + 100).run;
    const later = step(run, { jobs: active }, T0 + 100 + SETTINGS.stopGraceMs);
    expect(later.run.state.result_state).toBe('CANCELED');
  });

  it('times the whole run out after the job timeout_seconds', () => {
    let run = start(newRun([notebook('a')], { timeout_seconds: 5 }));
    const active = { [job(2000)]: { state: 'active', processedOn: T0 + 60 } as JobObservation };
    const waiting = step(run, { jobs: active }, T0 + 100);
    expect(waiting.wakeAt).toBe(T0 + 10 + 5_000);
    run = step(waiting.run, { jobs: active }, T0 + 5_010).run;
    expect(runActions(run, observe({ jobs: active }), T0 + 5_010)).toEqual([
      expect.objectContaining({ kind: 'stop', reason: 'TIMEDOUT' }),
    ]);
    run = step(run, { jobs: { [job(2000)]: done('CANCELED', { finishedOn: T0 + 5_100 }) } }, T0 + 5_100).run;
    expect(run.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'TIMEDOUT' });
    expect(taskState(run, 'a')).toMatchObject({ result: 'TIMEDOUT' });
  });

  it('starts a terminated existing cluster and waits for it', () => {
    const terminated: ClusterObservation = { exists: true, state: 'TERMINATED', desiredState: 'TERMINATED' };
    const run = start(newRun([notebook('a')]), { clusters: { c1: terminated } });
    expect(run.state.life_cycle_state).toBe('PENDING');
    expect(taskState(run, 'a').task?.state.state_message).toBe('Waiting for cluster c1 to be ready.');
    expect(runActions(run, observe({ clusters: { c1: terminated } }), T0 + 10)).toEqual([
      { kind: 'start-cluster', clusterId: 'c1' },
    ]);
    const pending: ClusterObservation = { exists: true, state: 'PENDING', desiredState: 'RUNNING' };
    expect(runActions(run, observe({ clusters: { c1: pending } }), T0 + 20)).toEqual([]);
  });

  it('fails the run with CLUSTER_ERROR when the cluster does not start in time', () => {
    const pending: ClusterObservation = { exists: true, state: 'PENDING', desiredState: 'RUNNING' };
    const run = start(newRun([notebook('a')]), { clusters: { c1: pending } });
    const plan = step(run, { clusters: { c1: pending } }, T0 + 10 + SETTINGS.clusterStartTimeoutMs);
    expect(plan.run.state).toMatchObject({ life_cycle_state: 'INTERNAL_ERROR', result_state: 'FAILED' });
    expect(plan.run.status.termination_details).toMatchObject({
      code: 'CLUSTER_ERROR',
      type: 'INTERNAL_ERROR',
    });
  });

  it('fails the run with CLUSTER_ERROR (CLOUD_FAILURE) when its cluster fails to get instances', () => {
    const failed: ClusterObservation = {
      exists: true,
      state: 'TERMINATED',
      desiredState: 'RUNNING',
      message: 'no capacity',
      terminationReason: { code: 'AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE', type: 'CLOUD_FAILURE' },
    };
    const run = start(newRun([notebook('a')]), { clusters: { c1: failed } });
    expect(run.state).toMatchObject({ life_cycle_state: 'INTERNAL_ERROR', result_state: 'FAILED' });
    expect(run.status.termination_details?.code).toBe('CLUSTER_ERROR');
    const task = taskState(run, 'a').task;
    expect(task?.status.termination_details).toMatchObject({ code: 'CLUSTER_ERROR', type: 'CLOUD_FAILURE' });
    expect(task?.state.state_message).toBe(
      'Unexpected failure while waiting for the cluster (c1) to be ready: Cluster c1 is in unexpected ' +
        'state Terminated: AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE(CLOUD_FAILURE): no capacity',
    );
  });

  it('fails the run with RESOURCE_NOT_FOUND when the existing cluster does not exist', () => {
    const run = start(newRun([notebook('a', { existing_cluster_id: 'nope' })]));
    expect(run.state.life_cycle_state).toBe('INTERNAL_ERROR');
    expect(run.status.termination_details?.code).toBe('RESOURCE_NOT_FOUND');
    expect(run.state.state_message).toBe('Cluster nope does not exist.');
  });

  it('creates a job cluster, runs on it, and has it terminated before the run ends', () => {
    const { existing_cluster_id: _c, ...base } = notebook('a');
    const tasks: Task[] = [{ ...base, job_cluster_key: 'main' }];
    const record = newRun(
      tasks,
      {},
      {
        jobClusters: [
          {
            job_cluster_key: 'main',
            new_cluster: { spark_version: '19.3.x-no-spark-scala2.13', num_workers: 1 },
          },
        ],
      },
    );
    let run = start(record);
    const actions = runActions(run, observe(), T0 + 10);
    expect(actions).toHaveLength(1);
    const create = actions[0];
    if (create?.kind !== 'create-cluster') throw new Error('expected a cluster to be created');
    const clusterId = create.resource.metadata.name as string;
    expect(create.resource.spec).toMatchObject({
      clusterSource: 'JOB',
      desiredState: 'RUNNING',
      numWorkers: 1,
    });
    expect(create.resource.metadata.labels?.['brickyard.dev/run-id']).toBe('1000');
    run = step(run, { clusters: { [clusterId]: RUNNING } }, T0 + 500).run;
    expect(run.tasks[0]?.cluster_instance).toEqual({ cluster_id: clusterId });
    const finished = {
      jobs: { [job(2000)]: done('SUCCESS', { finishedOn: T0 + 900 }) },
      clusters: { [clusterId]: RUNNING },
    };
    const unmarked = { ...finished, jobClustersLeft: 1, jobClustersToMark: 1 };
    run = step(run, unmarked, T0 + 1_000).run;
    expect(run.state.life_cycle_state).toBe('TERMINATING');
    expect(runActions(run, observe(unmarked), T0 + 1_000)).toEqual([{ kind: 'finish-job-clusters' }]);
    // Marked: the operator terminates it; the run waits for TERMINATED, marking nothing again.
    const terminating = { ...finished, jobClustersLeft: 1, jobClustersToMark: 0 };
    run = step(run, terminating, T0 + 1_100).run;
    expect(run.state.life_cycle_state).toBe('TERMINATING');
    expect(runActions(run, observe(terminating), T0 + 1_100)).toEqual([]);
    run = step(run, { ...finished, jobClustersLeft: 0 }, T0 + 1_300).run;
    expect(run.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'SUCCESS' });
    expect(run.cleanup_duration).toBe(300);
  });

  describe('a job cluster under a cluster policy', () => {
    const policyRules = (rules: Record<string, unknown>): PolicyObservation => {
      const parsed = parseDefinition(JSON.stringify(rules));
      if ('problem' in parsed) throw new Error(parsed.problem);
      return { found: true, definition: parsed.definition };
    };
    const underPolicy = (cluster: Record<string, unknown>) => {
      const { existing_cluster_id: _c, ...base } = notebook('a');
      const newCluster = {
        spark_version: '19.3.x-no-spark-scala2.13',
        num_workers: 1,
        policy_id: 'P1',
        ...cluster,
      };
      return newRun([{ ...base, new_cluster: newCluster }]);
    };
    const world = {
      policies: {
        P1: policyRules({
          'custom_tags.team': { type: 'fixed', value: 'data' },
          autotermination_minutes: { type: 'unlimited', defaultValue: 30, isOptional: true },
          num_workers: { type: 'range', maxValue: 2 },
        }),
      },
    };

    it('gets the fixed values of the policy, and its defaults when asked to', () => {
      const run = start(underPolicy({ apply_policy_default_values: true }), world);
      const [create] = runActions(run, observe(world), T0 + 10);
      expect(create).toMatchObject({
        kind: 'create-cluster',
        resource: { spec: { customTags: { team: 'data' }, policyId: 'P1', numWorkers: 1 } },
      });
    });

    it('fails the task, creating nothing, when it breaks the policy or the policy is gone', () => {
      const broken = start(underPolicy({ num_workers: 5 }), world);
      expect(runActions(broken, observe(world), T0 + 10)).toEqual([]);
      expect(broken.tasks[0]?.state).toMatchObject({
        life_cycle_state: 'INTERNAL_ERROR',
        state_message: 'Validation failed for num_workers, the value must be at most 2 (is "5")',
      });
      const orphan = start(underPolicy({ policy_id: 'GONE' }), world);
      expect(orphan.tasks[0]?.state.state_message).toBe('Cluster policy GONE does not exist');
    });
  });

  it('gives tasks without compute a single-node job cluster of the run', () => {
    const run = start(newRun([{ task_key: 'a', notebook_task: { notebook_path: '/nb' } }]));
    const [create] = runActions(run, observe(), T0 + 10);
    expect(create).toMatchObject({
      kind: 'create-cluster',
      resource: { spec: { numWorkers: 0, clusterSource: 'JOB' } },
    });
  });

  it('evaluates a condition task itself and follows the branch it took', () => {
    const run = start(
      newRun(
        [
          {
            task_key: 'check',
            condition_task: { op: 'EQUAL_TO', left: '{{job.parameters.env}}', right: 'prod' },
          },
          notebook('deploy', { depends_on: [{ task_key: 'check', outcome: 'true' }] }),
          notebook('skip', { depends_on: [{ task_key: 'check', outcome: 'false' }] }),
        ],
        {},
        { jobParameters: [{ name: 'env', default: 'dev', value: 'prod' }] },
      ),
    );
    expect(taskState(run, 'check')).toMatchObject({ life: 'TERMINATED', result: 'SUCCESS' });
    expect(taskState(run, 'check').task?.condition_task).toMatchObject({ outcome: 'true' });
    expect(taskState(run, 'deploy')).toMatchObject({ life: 'PENDING' });
    expect(taskState(run, 'skip')).toMatchObject({ life: 'TERMINATED', result: 'EXCLUDED' });
  });

  it('marks disabled tasks DISABLED without running them', () => {
    const run = start(newRun([notebook('a', { disabled: true })]));
    expect(run.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'SUCCESS' });
    expect(taskState(run, 'a')).toMatchObject({ result: 'DISABLED' });
  });

  it('re-adds a dispatched attempt whose job is missing (a crash between the write and the add)', () => {
    const run = start(newRun([notebook('a')]));
    expect(
      runActions(
        booked(run as unknown as RunRecord),
        observe({ jobs: { [job(2000)]: { state: 'missing' } } }),
        T0 + 50,
      ),
    ).toEqual([expect.objectContaining({ kind: 'dispatch', jobId: job(2000) })]);
  });

  it('gives up on an attempt whose cluster stopped while it ran, and retries it', () => {
    let run = start(newRun([notebook('a', { max_retries: 1 })]));
    const active = { [job(2000)]: { state: 'active', processedOn: T0 + 60 } as JobObservation };
    const gone: ClusterObservation = { exists: true, state: 'TERMINATED', desiredState: 'TERMINATED' };
    const first = step(run, { jobs: active, clusters: { c1: gone } }, T0 + 100);
    expect(first.wakeAt).toBe(T0 + 100 + SETTINGS.timeoutGraceMs);
    run = step(first.run, { jobs: active, clusters: { c1: gone } }, T0 + 100 + SETTINGS.timeoutGraceMs).run;
    expect(taskState(run, 'a')).toMatchObject({ life: 'TERMINATING' });
    expect(runActions(run, observe({ jobs: active, clusters: { c1: gone } }), T0)).toEqual([
      { kind: 'stop', clusterId: 'c1', jobId: job(2000), reason: 'CANCELED', force: true },
    ]);
    run = step(run, { jobs: { [job(2000)]: { state: 'missing' } }, clusters: { c1: gone } }, T0 + 20_000).run;
    expect(run.tasks[0]).toMatchObject({ attempt_number: 1, state: { life_cycle_state: 'PENDING' } });
    // The retry waits for the cluster, which the scheduler starts again.
    expect(runActions(run, observe({ clusters: { c1: gone } }), T0 + 20_000)).toEqual([
      { kind: 'start-cluster', clusterId: 'c1' },
    ]);
  });

  it('starts the cluster again for an attempt waiting in its queue, and fails the run if it does not come back', () => {
    let run = start(newRun([notebook('a')]));
    const waiting = { [job(2000)]: { state: 'waiting' } as JobObservation };
    const gone: ClusterObservation = { exists: true, state: 'TERMINATED', desiredState: 'TERMINATED' };
    run = step(run, { jobs: waiting, clusters: { c1: gone } }, T0 + 100).run;
    expect(runActions(run, observe({ jobs: waiting, clusters: { c1: gone } }), T0 + 100)).toEqual([
      { kind: 'start-cluster', clusterId: 'c1' },
    ]);
    run = step(run, { jobs: waiting, clusters: { c1: gone } }, T0 + 100 + SETTINGS.clusterStartTimeoutMs).run;
    expect(runActions(run, observe({ jobs: waiting, clusters: { c1: gone } }), T0)).toEqual([
      expect.objectContaining({ kind: 'stop', force: true }),
    ]);
    run = step(run, { jobs: { [job(2000)]: { state: 'missing' } }, clusters: { c1: gone } }, T0 + 70_000).run;
    expect(run.state.life_cycle_state).toBe('INTERNAL_ERROR');
    expect(run.status.termination_details?.code).toBe('CLUSTER_ERROR');
  });
});
