import { describe, expect, it } from 'vitest';
import type { ClusterState } from './cluster-type.js';
import type { ClusterDecision } from './lifecycle.js';
import { RESYNC_MS, requeueAfterMs, TRANSITION_RESYNC_MS } from './requeue.js';
import { type SpecOverrides, testCluster } from './test-cluster.js';

const now = 1_000_000;
const settings = { demandPollMs: 1_000, minuteMs: 60_000 };
const up: ClusterDecision = {
  mode: { kind: 'up' },
  targetWorkers: 1,
  requiredWorkers: 1,
  observedRestartGeneration: 0,
  memory: {},
};

describe('requeueAfterMs', () => {
  it.each<[string, SpecOverrides, ClusterDecision, ClusterState, number | undefined, number]>([
    ['resyncs a steady fixed-size cluster rarely', {}, up, 'RUNNING', undefined, RESYNC_MS],
    [
      'polls the demand of an autoscaled cluster',
      { numWorkers: undefined, autoscale: { minWorkers: 1, maxWorkers: 2 } },
      up,
      'RUNNING',
      undefined,
      1_000,
    ],
    [
      'looks at an auto-terminating cluster every few polls',
      { autoterminationMinutes: 30 },
      up,
      'RUNNING',
      undefined,
      5_000,
    ],
    [
      'comes back right at the inactivity deadline',
      { autoterminationMinutes: 30 },
      { ...up, inactivityDeadlineMs: now + 1_500 },
      'RUNNING',
      undefined,
      1_500,
    ],
    ['comes back when an unschedulable pod times out', {}, up, 'PENDING', now + 2_000, 2_000],
    ['keeps an eye on a cluster in transition', {}, up, 'PENDING', undefined, TRANSITION_RESYNC_MS],
    [
      'does not poll a terminated cluster',
      { autoterminationMinutes: 30 },
      { ...up, mode: { kind: 'off', reason: { code: 'INACTIVITY' } } },
      'TERMINATED',
      undefined,
      RESYNC_MS,
    ],
  ])('%s', (_name, spec, decision, state, wakeAtMs, expected) => {
    expect(requeueAfterMs({ cluster: testCluster({ spec }), decision, state, wakeAtMs, settings, now })).toBe(
      expected,
    );
  });

  it('comes back when a finished job cluster is due for removal, and no later than a resync', () => {
    const off: ClusterDecision = { ...up, mode: { kind: 'off', reason: { code: 'JOB_FINISHED' } } };
    const cluster = testCluster({ spec: { clusterSource: 'JOB' } });
    const requeue = (removeAtMs: number) =>
      requeueAfterMs({
        cluster,
        decision: off,
        state: 'TERMINATED',
        wakeAtMs: undefined,
        removeAtMs,
        settings,
        now,
      });
    expect(requeue(now + 4_000)).toBe(4_000);
    expect(requeue(now + 30 * 24 * 3_600_000)).toBe(RESYNC_MS);
  });
});
