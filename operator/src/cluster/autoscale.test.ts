import { describe, expect, it } from 'vitest';
import { type AutoscaleDecision, type AutoscaleInput, decideAutoscale } from './autoscale.js';

const now = 100_000;
const base: AutoscaleInput = {
  minWorkers: 1,
  maxWorkers: 5,
  previousTarget: 2,
  demand: { queued: 0, running: 2 },
  lastBusyMs: now - 1_000,
  now,
  scaleDownIdleMs: 60_000,
  tasksPerWorker: 1,
};

describe('decideAutoscale', () => {
  interface Case {
    /** What differs from a 1..5 cluster of 2 workers running 2 tasks, busy a second ago. */
    input: Partial<AutoscaleInput>;
    expected: AutoscaleDecision;
  }
  const cases: Record<string, Case> = {
    'starts at minWorkers when there is no demand': {
      input: { previousTarget: undefined, demand: { queued: 0, running: 0 } },
      expected: { target: 1, lastBusyMs: now },
    },
    'starts big enough for the demand already queued': {
      input: { previousTarget: undefined, demand: { queued: 3, running: 0 } },
      expected: { target: 3, lastBusyMs: now },
    },
    'starts at minWorkers when the demand is unknown': {
      input: { previousTarget: undefined, demand: undefined },
      expected: { target: 1, lastBusyMs: now },
    },
    'keeps its size while demand matches it': {
      input: {},
      expected: { target: 2, lastBusyMs: now },
    },
    'grows at once to cover queued and running tasks': {
      input: { demand: { queued: 2, running: 2 } },
      expected: { target: 4, cause: 'AUTOSCALE', lastBusyMs: now },
    },
    'grows no further than maxWorkers': {
      input: { demand: { queued: 40, running: 2 } },
      expected: { target: 5, cause: 'AUTOSCALE', lastBusyMs: now },
    },
    'counts tasks per worker when a worker takes several': {
      input: { tasksPerWorker: 4, demand: { queued: 9, running: 4 } },
      expected: { target: 4, cause: 'AUTOSCALE', lastBusyMs: now },
    },
    'grows to give each pending or running Spark task a core of a worker': {
      input: { demand: { queued: 0, running: 1, spark: { tasks: 7, coresPerWorker: 2, busyHosts: [] } } },
      expected: { target: 4, cause: 'AUTOSCALE', lastBusyMs: now },
    },
    'never shrinks below a worker whose executors run Spark tasks': {
      input: {
        previousTarget: 4,
        demand: { queued: 0, running: 0, spark: { tasks: 1, coresPerWorker: 2, busyHosts: [] } },
        busyWorkers: 3,
        lastBusyMs: now - 90_000,
      },
      expected: { target: 3, cause: 'AUTOSCALE', lastBusyMs: now },
    },
    'does not shrink before demand has stayed low for the idle timeout': {
      input: { demand: { queued: 0, running: 0 }, lastBusyMs: now - 59_999 },
      expected: { target: 2, lastBusyMs: now - 59_999 },
    },
    'shrinks after the idle timeout, but never below minWorkers': {
      input: { demand: { queued: 0, running: 0 }, lastBusyMs: now - 60_000 },
      expected: { target: 1, cause: 'AUTOSCALE', lastBusyMs: now },
    },
    'shrinks only to what still covers the running tasks': {
      input: { previousTarget: 5, demand: { queued: 0, running: 3 }, lastBusyMs: now - 90_000 },
      expected: { target: 3, cause: 'AUTOSCALE', lastBusyMs: now },
    },
    'counts the idle time from when the demand hash last changed, if that came after the last poll': {
      input: { demand: { queued: 0, running: 0, updatedAtMs: now - 59_000 }, lastBusyMs: now - 60_000 },
      expected: { target: 2, lastBusyMs: now - 59_000 },
    },
    'starts the idle timer afresh when it does not know when the cluster was last busy': {
      input: { demand: { queued: 0, running: 0 }, lastBusyMs: undefined },
      expected: { target: 2, lastBusyMs: now },
    },
    'changes nothing while the demand is unknown': {
      input: { demand: undefined, lastBusyMs: now - 500_000 },
      expected: { target: 2, lastBusyMs: now - 500_000 },
    },
    'moves into new bounds at once after a resize (USER_REQUEST)': {
      input: { minWorkers: 3, maxWorkers: 6, demand: undefined },
      expected: { target: 3, cause: 'USER_REQUEST', lastBusyMs: now - 1_000 },
    },
    'shrinks into a lower maxWorkers at once, even with tasks queued': {
      input: { minWorkers: 0, maxWorkers: 1, demand: { queued: 5, running: 2 } },
      expected: { target: 1, cause: 'USER_REQUEST', lastBusyMs: now },
    },
  };

  it.each(Object.entries(cases))('%s', (_name, { input, expected }) => {
    expect(decideAutoscale({ ...base, ...input })).toEqual(expected);
  });
});
