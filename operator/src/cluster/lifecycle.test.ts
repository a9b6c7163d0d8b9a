import { describe, expect, it } from 'vitest';
import type { ClusterStatus } from './cluster-type.js';
import type { Demand } from './demand.js';
import {
  busyWorkers,
  type ClusterDecision,
  type ClusterMemory,
  decideCluster,
  isFinishedJobCluster,
  offReason,
  validateCluster,
} from './lifecycle.js';
import type { ObservedPod } from './observed-pod.js';
import { RUN_FINISHED, readyPods, type SpecOverrides, testCluster } from './test-cluster.js';

const now = 50_000_000;
const minute = 1_000;
const settings = { scaleDownIdleMs: 5_000, tasksPerWorker: 1, minuteMs: minute };
const running: ClusterStatus = {
  state: 'RUNNING',
  startTime: now - 60 * minute,
  lastActivityTime: now - 60 * minute,
  desiredWorkers: 2,
  readyWorkers: 2,
  observedRestartGeneration: 0,
};

describe('decideCluster', () => {
  interface Case {
    spec?: SpecOverrides;
    annotations?: Record<string, string>;
    status?: ClusterStatus;
    pods?: ObservedPod[];
    demand?: Demand;
    memory?: ClusterMemory;
    expected: Partial<ClusterDecision>;
  }
  const cases: Record<string, Case> = {
    'runs a new cluster at its size': {
      pods: [],
      expected: { mode: { kind: 'up' }, targetWorkers: 2, requiredWorkers: 2, observedRestartGeneration: 0 },
    },
    'stops a cluster whose desiredState is TERMINATED, as a user request': {
      spec: { desiredState: 'TERMINATED' },
      status: running,
      pods: readyPods(2),
      expected: {
        mode: { kind: 'off', reason: { code: 'USER_REQUEST', type: 'SUCCESS' } },
        targetWorkers: 0,
      },
    },
    'restarts when pods of an older restart generation exist': {
      spec: { restartGeneration: 1 },
      status: running,
      pods: readyPods(2),
      expected: { mode: { kind: 'restarting' }, targetWorkers: 2, observedRestartGeneration: 0 },
    },
    'takes the new restart generation once the old pods are gone': {
      spec: { restartGeneration: 1 },
      status: { ...running, state: 'RESTARTING' },
      pods: [],
      expected: { mode: { kind: 'up' }, observedRestartGeneration: 1 },
    },
    'resizes on a new numWorkers (USER_REQUEST)': {
      spec: { numWorkers: 4 },
      status: running,
      pods: readyPods(2),
      expected: { mode: { kind: 'up' }, targetWorkers: 4, resizeCause: 'USER_REQUEST' },
    },
    'autoscales up on demand (AUTOSCALE), needing only minWorkers to run': {
      spec: { numWorkers: undefined, autoscale: { minWorkers: 1, maxWorkers: 4 } },
      status: running,
      pods: readyPods(2),
      demand: { queued: 1, running: 2 },
      expected: { targetWorkers: 3, requiredWorkers: 1, resizeCause: 'AUTOSCALE' },
    },
    'terminates an idle cluster for inactivity': {
      spec: { autoterminationMinutes: 10 },
      status: running,
      pods: readyPods(2),
      demand: { queued: 0, running: 0 },
      expected: {
        mode: {
          kind: 'off',
          reason: { code: 'INACTIVITY', type: 'SUCCESS', parameters: { inactivity_duration_min: '10' } },
        },
      },
    },
    'keeps a cluster with recent activity (remembered more precisely than status) up': {
      spec: { autoterminationMinutes: 10 },
      status: running,
      pods: readyPods(2),
      demand: { queued: 0, running: 0 },
      memory: { lastActivityMs: now - 9 * minute },
      expected: { mode: { kind: 'up' }, inactivityDeadlineMs: now + minute },
    },
    'does not terminate for inactivity while the demand is unknown': {
      spec: { autoterminationMinutes: 10 },
      status: running,
      pods: readyPods(2),
      expected: { mode: { kind: 'up' } },
    },
    'does not terminate a cluster that is still starting': {
      spec: { autoterminationMinutes: 10 },
      status: { ...running, state: 'PENDING' },
      pods: readyPods(0),
      demand: { queued: 0, running: 0 },
      expected: { mode: { kind: 'up' } },
    },
    'keeps a cluster terminated for inactivity off although its desiredState is RUNNING': {
      status: {
        state: 'TERMINATED',
        terminationReason: { code: 'INACTIVITY', type: 'SUCCESS' },
        observedRestartGeneration: 0,
      },
      pods: [],
      expected: { mode: { kind: 'off', reason: { code: 'INACTIVITY', type: 'SUCCESS' } } },
    },
    'starts a cluster terminated for inactivity once its restartGeneration is raised': {
      spec: { restartGeneration: 1 },
      status: {
        state: 'TERMINATED',
        terminationReason: { code: 'INACTIVITY', type: 'SUCCESS' },
        observedRestartGeneration: 0,
      },
      pods: [],
      expected: { mode: { kind: 'up' }, observedRestartGeneration: 1, targetWorkers: 2 },
    },
    'fails the start of a cluster whose instance the host has no memory for': {
      status: { state: 'PENDING', observedRestartGeneration: 0 },
      pods: [
        ...readyPods(1),
        {
          ...readyPods(0)[0],
          name: 'worker-1',
          ready: false,
          insufficientCapacity: 'no memory',
        } as ObservedPod,
      ],
      expected: {
        mode: {
          kind: 'off',
          reason: {
            code: 'AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE',
            type: 'CLOUD_FAILURE',
            parameters: {
              aws_api_error_code: 'InsufficientInstanceCapacity',
              aws_error_message: 'no memory',
            },
          },
        },
        observedRestartGeneration: 0,
      },
    },
    'keeps a running cluster up while a replacement waits for memory': {
      status: running,
      pods: [
        ...readyPods(1),
        { ...readyPods(0)[0], name: 'worker-1', insufficientCapacity: 'no memory' } as ObservedPod,
      ],
      expected: { mode: { kind: 'up' } },
    },
    'keeps a cluster that failed for capacity off until it is started again': {
      status: {
        state: 'TERMINATED',
        terminationReason: { code: 'AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE', type: 'CLOUD_FAILURE' },
        observedRestartGeneration: 0,
      },
      pods: [],
      expected: { mode: { kind: 'off', reason: expect.objectContaining({ type: 'CLOUD_FAILURE' }) } },
    },
    'starts a cluster a user terminated once its desiredState is RUNNING again': {
      status: { state: 'TERMINATED', terminationReason: { code: 'USER_REQUEST', type: 'SUCCESS' } },
      pods: [],
      expected: { mode: { kind: 'up' } },
    },
    'terminates a job cluster whose run is over, with JOB_FINISHED, although its desiredState is RUNNING': {
      spec: { clusterSource: 'JOB' },
      annotations: RUN_FINISHED,
      status: running,
      pods: readyPods(2),
      expected: {
        mode: { kind: 'off', reason: { code: 'JOB_FINISHED', type: 'SUCCESS' } },
        targetWorkers: 0,
      },
    },
    'keeps USER_REQUEST on a job cluster a user terminated during its run': {
      spec: { clusterSource: 'JOB', desiredState: 'TERMINATED' },
      annotations: RUN_FINISHED,
      status: { state: 'TERMINATED', terminationReason: { code: 'USER_REQUEST', type: 'SUCCESS' } },
      pods: [],
      expected: { mode: { kind: 'off', reason: { code: 'USER_REQUEST', type: 'SUCCESS' } } },
    },
    'never starts a finished job cluster again, whatever its restartGeneration': {
      spec: { clusterSource: 'JOB', restartGeneration: 3 },
      annotations: RUN_FINISHED,
      status: { state: 'TERMINATED', terminationReason: { code: 'JOB_FINISHED', type: 'SUCCESS' } },
      pods: [],
      expected: { mode: { kind: 'off', reason: { code: 'JOB_FINISHED', type: 'SUCCESS' } } },
    },
    'terminates a finished job cluster whose spec it cannot run, rather than leaving it in ERROR': {
      spec: { clusterSource: 'JOB', nodeTypeId: 'x9.huge' },
      annotations: RUN_FINISHED,
      status: { state: 'ERROR' },
      pods: [],
      expected: { mode: { kind: 'off', reason: { code: 'JOB_FINISHED', type: 'SUCCESS' } } },
    },
    'runs a job cluster whose run is not over': {
      spec: { clusterSource: 'JOB' },
      status: running,
      pods: readyPods(2),
      expected: { mode: { kind: 'up' } },
    },
    'ignores the run-finished mark on a cluster that is not a job cluster': {
      spec: { clusterSource: 'API' },
      annotations: RUN_FINISHED,
      status: running,
      pods: readyPods(2),
      expected: { mode: { kind: 'up' } },
    },
    'reports a spec it cannot run': {
      spec: { nodeTypeId: 'x9.huge' },
      pods: [],
      expected: {
        mode: { kind: 'invalid', message: expect.stringContaining('x9.huge') as unknown as string },
      },
    },
  };

  it.each(Object.entries(cases))(
    '%s',
    (_name, { spec, annotations, status, pods, demand, memory, expected }) => {
      const decision = decideCluster({
        cluster: testCluster({ ...(spec ? { spec } : {}), ...(status ? { status } : {}), annotations }),
        pods: pods ?? [],
        demand,
        memory,
        settings,
        now,
      });
      expect(decision).toMatchObject(expected);
    },
  );
});

describe('validateCluster', () => {
  it.each([
    ['accepts a cluster the API made', {}, undefined, undefined],
    ['defaults a missing node type to the API default', { nodeTypeId: undefined }, undefined, undefined],
    ['refuses an unknown driver node type', { driverNodeTypeId: 'nope' }, undefined, /nope/],
    ['refuses a name that cannot name pods', {}, 'Not_A_Label', /lowercase/],
    ['refuses an unknown runtime', { sparkVersion: '1.0.x-scala2.10' }, undefined, /Invalid spark version/],
    [
      'refuses equal autoscale bounds, as the API and the CRD do',
      { numWorkers: undefined, autoscale: { minWorkers: 2, maxWorkers: 2 } },
      undefined,
      /autoscale.maxWorkers must be greater than autoscale.minWorkers/,
    ],
    [
      'accepts autoscale bounds in order',
      { numWorkers: undefined, autoscale: { minWorkers: 2, maxWorkers: 3 } },
      undefined,
      undefined,
    ],
  ])('%s', (_name, spec, name, error) => {
    const cluster = testCluster({ spec });
    if (name) cluster.metadata.name = name;
    const problem = validateCluster(cluster);
    if (error) expect(problem).toMatch(error);
    else expect(problem).toBeUndefined();
  });
});

describe('offReason', () => {
  const user = { code: 'USER_REQUEST', type: 'SUCCESS' } as const;
  const inactivity = { code: 'INACTIVITY', type: 'SUCCESS' } as const;
  it.each([
    [
      'a job cluster whose run is over: JOB_FINISHED, type SUCCESS',
      undefined,
      true,
      { code: 'JOB_FINISHED', type: 'SUCCESS' },
    ],
    ['a cluster a user terminates: USER_REQUEST', undefined, false, user],
    ['a cluster already going or gone keeps its reason', inactivity, false, inactivity],
    ['a job cluster a user terminated before its run ended stays USER_REQUEST', user, true, user],
  ])('%s', (_name, previous, jobFinished, expected) => {
    expect(offReason({ previous, jobFinished })).toEqual(expected);
  });
});

describe('isFinishedJobCluster', () => {
  it.each([
    ['a job cluster the scheduler marked', { clusterSource: 'JOB' as const }, RUN_FINISHED, true],
    ['a job cluster whose run goes on', { clusterSource: 'JOB' as const }, undefined, false],
    ['an all-purpose cluster, marked or not', { clusterSource: 'API' as const }, RUN_FINISHED, false],
  ])('%s', (_name, spec, annotations, expected) => {
    expect(isFinishedJobCluster(testCluster({ spec, annotations }))).toBe(expected);
  });
});

describe('busyWorkers', () => {
  const pods = readyPods(3).map((pod, i) => ({ ...pod, podIP: `127.32.0.${i + 1}` }));
  it.each([
    ['no busy host keeps no worker', [], 0],
    ["the driver's own host keeps no worker", ['127.32.0.1'], 0],
    ['a busy second worker keeps the first two', ['127.32.0.3'], 2],
    ['a host of no pod keeps no worker', ['10.0.0.1'], 0],
  ])('%s', (_name, hosts, expected) => {
    expect(busyWorkers(pods, hosts)).toBe(expected);
  });
});
