import { describe, expect, it } from 'vitest';
import type { ClusterStatus } from './cluster-type.js';
import { decideRetention, type RetentionDecision } from './retention.js';
import { RUN_FINISHED, type SpecOverrides, testCluster } from './test-cluster.js';

const day = 24 * 3_600_000;
const retention = 30 * day;
const terminatedAt = 1_700_000_000_000;
const finished: ClusterStatus = {
  state: 'TERMINATED',
  terminatedTime: terminatedAt,
  terminationReason: { code: 'JOB_FINISHED', type: 'SUCCESS' },
};

describe('decideRetention', () => {
  interface Case {
    spec?: SpecOverrides;
    annotations?: Record<string, string>;
    status?: ClusterStatus;
    deleting?: boolean;
    now: number;
    expected: RetentionDecision;
  }
  const job: SpecOverrides = { clusterSource: 'JOB' };
  const cases: Record<string, Case> = {
    'keeps a finished job cluster for the retention period after it was terminated': {
      spec: job,
      annotations: RUN_FINISHED,
      status: finished,
      now: terminatedAt + 29 * day,
      expected: { kind: 'until', removeAtMs: terminatedAt + retention },
    },
    'removes it once the retention period is over': {
      spec: job,
      annotations: RUN_FINISHED,
      status: finished,
      now: terminatedAt + retention,
      expected: { kind: 'remove' },
    },
    'counts from termination also for a job cluster a user terminated during its run': {
      spec: job,
      annotations: RUN_FINISHED,
      status: { ...finished, terminationReason: { code: 'USER_REQUEST', type: 'SUCCESS' } },
      now: terminatedAt + retention + 1,
      expected: { kind: 'remove' },
    },
    'keeps a finished job cluster whose pods are still going': {
      spec: job,
      annotations: RUN_FINISHED,
      status: { state: 'TERMINATING', terminationReason: { code: 'JOB_FINISHED', type: 'SUCCESS' } },
      now: terminatedAt + 2 * retention,
      expected: { kind: 'keep' },
    },
    'keeps a terminated job cluster whose run is not over (the scheduler may start it again)': {
      spec: job,
      status: { ...finished, terminationReason: { code: 'USER_REQUEST', type: 'SUCCESS' } },
      now: terminatedAt + 2 * retention,
      expected: { kind: 'keep' },
    },
    'never removes an all-purpose cluster': {
      spec: { clusterSource: 'API' },
      annotations: RUN_FINISHED,
      status: finished,
      now: terminatedAt + 2 * retention,
      expected: { kind: 'keep' },
    },
    'leaves a cluster being deleted to its finalizer': {
      spec: job,
      annotations: RUN_FINISHED,
      status: finished,
      deleting: true,
      now: terminatedAt + 2 * retention,
      expected: { kind: 'keep' },
    },
  };

  it.each(Object.entries(cases))('%s', (_name, { spec, annotations, status, deleting, now, expected }) => {
    const cluster = testCluster({ ...(spec ? { spec } : {}), ...(status ? { status } : {}), annotations });
    if (deleting) cluster.metadata.deletionTimestamp = new Date(now);
    expect(decideRetention(cluster, retention, now)).toEqual(expected);
  });

  it('removes at once with a retention of zero', () => {
    const cluster = testCluster({ spec: job, annotations: RUN_FINISHED, status: finished });
    expect(decideRetention(cluster, 0, terminatedAt)).toEqual({ kind: 'remove' });
  });
});
