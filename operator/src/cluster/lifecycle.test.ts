import { describe, expect, it } from 'vitest';
import type { ClusterStatus } from './cluster-type.js';
import type { Demand } from './demand.js';
import { type ClusterDecision, type ClusterMemory, decideCluster, validateCluster } from './lifecycle.js';
import type { ObservedPod } from './observed-pod.js';
import { readyPods, type SpecOverrides, testCluster } from './test-cluster.js';

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
    'starts a cluster a user terminated once its desiredState is RUNNING again': {
      status: { state: 'TERMINATED', terminationReason: { code: 'USER_REQUEST', type: 'SUCCESS' } },
      pods: [],
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

  it.each(Object.entries(cases))('%s', (_name, { spec, status, pods, demand, memory, expected }) => {
    const decision = decideCluster({
      cluster: testCluster({ ...(spec ? { spec } : {}), ...(status ? { status } : {}) }),
      pods: pods ?? [],
      demand,
      memory,
      settings,
      now,
    });
    expect(decision).toMatchObject(expected);
  });
});

describe('validateCluster', () => {
  it.each([
    ['accepts a cluster the API made', {}, undefined, undefined],
    ['defaults a missing node type to the API default', { nodeTypeId: undefined }, undefined, undefined],
    ['refuses an unknown driver node type', { driverNodeTypeId: 'nope' }, undefined, /nope/],
    ['refuses a name that cannot name pods', {}, 'Not_A_Label', /lowercase/],
  ])('%s', (_name, spec, name, error) => {
    const cluster = testCluster({ spec });
    if (name) cluster.metadata.name = name;
    const problem = validateCluster(cluster);
    if (error) expect(problem).toMatch(error);
    else expect(problem).toBeUndefined();
  });
});
