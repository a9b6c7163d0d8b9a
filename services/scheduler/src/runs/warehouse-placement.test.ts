import { newRunRecord } from '@brickyard/common/runs';
import type { Task } from '@brickyard/common/schema';
import type { DispatchedSqlQuery } from '@brickyard/common/tasks';
import { describe, expect, it } from 'vitest';
import { taskCompute } from './compute.js';
import type { ClusterObservation, RunObservations, WarehouseObservation } from './observations.js';
import { claimRun } from './queue-transitions.js';
import { runActions } from './run-actions.js';
import type { BookedRun } from './run-book.js';
import { type PlanSettings, planRun } from './run-plan.js';
import { needsWarehouseStart } from './warehouse-placement.js';

const T0 = 1_700_000_000_000;
const SETTINGS: PlanSettings = {
  clusterStartTimeoutMs: 60_000,
  stopGraceMs: 30_000,
  timeoutGraceMs: 10_000,
  cleanupGraceMs: 30_000,
};
const WAREHOUSE = 'abcdef0123456789';
const COMPUTE = `warehouse-${WAREHOUSE}`;
const UP: ClusterObservation = { exists: true, state: 'RUNNING', desiredState: 'RUNNING' };
const DOWN: ClusterObservation = { exists: true, state: 'TERMINATED', desiredState: 'TERMINATED' };
const RUNNING: WarehouseObservation = { exists: true, state: 'RUNNING' };
const STOPPED: WarehouseObservation = { exists: true, state: 'STOPPED' };
const SAVED: DispatchedSqlQuery = { query_id: 'q1', query_text: 'SELECT {{n}}', parameters: { n: '1' } };

const fileTask: Task = {
  task_key: 'file',
  sql_task: { warehouse_id: WAREHOUSE, file: { path: '/Users/a/q.sql' } },
};
const queryTask: Task = {
  task_key: 'query',
  sql_task: { warehouse_id: WAREHOUSE, query: { query_id: 'q1' }, parameters: { n: '2' } },
};

interface World {
  warehouse?: WarehouseObservation;
  compute?: ClusterObservation;
  queries?: Record<string, DispatchedSqlQuery>;
}

function observe(world: World): RunObservations {
  return {
    jobs: new Map(),
    cluster: (id) => (id === COMPUTE ? (world.compute ?? { exists: false }) : { exists: false }),
    warehouse: (id) => (id === WAREHOUSE ? (world.warehouse ?? { exists: false }) : { exists: false }),
    savedQuery: (id) => {
      const query = world.queries?.[id];
      return query ? { found: true, query } : { found: false, message: `Query ${id} does not exist.` };
    },
    clusterPolicy: (id) => ({ found: false, message: `Cluster policy ${id} does not exist` }),
    jobClustersLeft: 0,
    jobClustersToMark: 0,
  };
}

function start(tasks: Task[], world: World): { run: BookedRun; observations: RunObservations } {
  const record = newRunRecord({
    workspaceId: 42,
    host: 'http://localhost',
    runId: 1000,
    taskRunIds: tasks.map((_, index) => 2000 + index),
    now: T0,
    creatorUserName: 'ada@example.com',
    runAsUserName: 'ada@example.com',
    jobId: 7,
    runName: 'sql',
    runType: 'JOB_RUN',
    trigger: 'ONE_TIME',
    tasks,
    settings: {},
  });
  const observations = observe(world);
  const now = T0 + 10;
  return { run: planRun(claimRun(record, now), observations, now, SETTINGS).run, observations };
}

const stateOf = (run: BookedRun, index = 0) => run.tasks[index]?.state;

describe('the compute of a sql_task', () => {
  const run = { run_id: 1, start_time: T0 };

  it('is its warehouse: the Cluster the operator runs for it', () => {
    expect(taskCompute(run, { ...fileTask, run_id: 2, attempt_number: 0 } as never)).toEqual({
      kind: 'warehouse',
      warehouseId: WAREHOUSE,
      clusterId: COMPUTE,
    });
  });

  it('is invalid without a warehouse, unless an existing cluster runs it (runs stored before)', () => {
    const bare = { task_key: 'f', sql_task: { file: { path: '/q.sql' } }, run_id: 2, attempt_number: 0 };
    expect(taskCompute(run, bare as never)).toEqual({
      kind: 'invalid',
      message: 'Task f: sql_task.warehouse_id is required.',
    });
    expect(taskCompute(run, { ...bare, existing_cluster_id: 'c1' } as never)).toEqual({
      kind: 'existing',
      clusterId: 'c1',
    });
  });
});

describe('a sql_task in a run', () => {
  it('is dispatched to its running warehouse, with no job cluster and no cluster_instance', () => {
    const { run, observations } = start([fileTask], { warehouse: RUNNING, compute: UP });
    expect(run.tasks[0]?.scheduler).toMatchObject({ cluster_id: COMPUTE, dispatched_at: T0 + 10 });
    expect(run.tasks[0]?.cluster_instance).toBeUndefined();
    expect(stateOf(run)?.state_message).toBe(`Waiting for a free slot on SQL warehouse ${WAREHOUSE}.`);
    const actions = runActions(run, observations, T0 + 10);
    expect(actions).toEqual([expect.objectContaining({ kind: 'dispatch', clusterId: COMPUTE })]);
  });

  it('starts a stopped warehouse once, and waits for it', () => {
    const { run, observations } = start([fileTask], { warehouse: STOPPED, compute: DOWN });
    expect(stateOf(run)).toMatchObject({
      life_cycle_state: 'PENDING',
      state_message: `Waiting for SQL warehouse ${WAREHOUSE} to be ready.`,
    });
    expect(runActions(run, observations, T0 + 10)).toEqual([
      { kind: 'start-warehouse', warehouseId: WAREHOUSE },
    ]);
    const starting = observe({ warehouse: { ...STOPPED, changePending: true }, compute: DOWN });
    expect(runActions(run, starting, T0 + 20)).toEqual([]);
  });

  it.each<[string, World, string]>([
    ['a warehouse that does not exist', {}, `Warehouse ${WAREHOUSE} does not exist.`],
    [
      'a deleted warehouse',
      { warehouse: { ...RUNNING, deleted: true }, compute: UP },
      `Warehouse ${WAREHOUSE} does not exist.`,
    ],
  ])('fails on %s, as a resource not found', (_case, world, message) => {
    const { run } = start([fileTask], world);
    expect(stateOf(run)).toMatchObject({ life_cycle_state: 'INTERNAL_ERROR', state_message: message });
    expect(run.tasks[0]?.status.termination_details).toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
  });

  it('fails a saved query that does not exist', () => {
    const { run } = start([queryTask], { warehouse: RUNNING, compute: UP });
    expect(stateOf(run)).toMatchObject({
      life_cycle_state: 'INTERNAL_ERROR',
      state_message: 'Query q1 does not exist.',
    });
  });

  it('sends a saved query as it is, for the runtime to run', () => {
    const { run, observations } = start([queryTask], {
      warehouse: RUNNING,
      compute: UP,
      queries: { q1: SAVED },
    });
    const [dispatch] = runActions(run, observations, T0 + 10);
    if (dispatch?.kind !== 'dispatch') throw new Error('expected a dispatch');
    expect(dispatch.data.task.sql_task).toEqual({
      warehouse_id: WAREHOUSE,
      query: SAVED,
      parameters: { n: '2' },
    });
  });
});

describe('whether a warehouse must be started', () => {
  it.each<[string, WarehouseObservation, ClusterObservation, boolean]>([
    ['a stopped warehouse', STOPPED, DOWN, true],
    ['one whose start awaits the operator', { ...STOPPED, changePending: true }, DOWN, false],
    ['a starting warehouse', { exists: true, state: 'STARTING' }, DOWN, false],
    ['a running warehouse', RUNNING, UP, false],
    ['a deleted warehouse', { ...STOPPED, deleted: true }, DOWN, false],
    ['no warehouse', { exists: false }, { exists: false }, false],
  ])('%s: %s', (_case, warehouse, cluster, expected) => {
    expect(needsWarehouseStart(warehouse, cluster)).toBe(expected);
  });
});
