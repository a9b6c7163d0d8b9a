import type { ClusterResource } from '@brickyard/common/crd';
import { API_VERSION, ClusterAnnotations } from '@brickyard/common/vocabulary';
import { describe, expect, it } from 'vitest';
import { isMarkedFinished, jobClusterCleanup } from './job-cluster-cleanup.js';

function jobCluster(options: { marked?: boolean; state?: string; deleting?: boolean } = {}): ClusterResource {
  return {
    apiVersion: API_VERSION,
    kind: 'Cluster',
    metadata: {
      name: '0101-000000-abcdefgh',
      namespace: 'brickyard-ws-1',
      ...(options.marked
        ? { annotations: { [ClusterAnnotations.runFinished]: '2026-01-01T00:00:00Z' } }
        : {}),
      ...(options.deleting ? { deletionTimestamp: new Date(0) } : {}),
    },
    spec: { sparkVersion: '19.3.x-no-spark-scala2.13', desiredState: 'RUNNING', clusterSource: 'JOB' },
    ...(options.state ? { status: { state: options.state } } : {}),
  } as ClusterResource;
}

describe('jobClusterCleanup', () => {
  it.each([
    ['a run without job clusters has nothing to do', [], { toMark: 0, left: 0 }],
    ['a running job cluster is to be marked', [jobCluster({ state: 'RUNNING' })], { toMark: 1, left: 1 }],
    [
      'a marked job cluster is waited for until it is TERMINATED',
      [jobCluster({ marked: true, state: 'TERMINATING' })],
      { toMark: 0, left: 1 },
    ],
    [
      'a marked, TERMINATED job cluster is done with',
      [jobCluster({ marked: true, state: 'TERMINATED' })],
      {
        toMark: 0,
        left: 0,
      },
    ],
    [
      'a job cluster a user terminated is still marked, so that the operator retains and removes it',
      [jobCluster({ state: 'TERMINATED' })],
      { toMark: 1, left: 1 },
    ],
    [
      'a job cluster being deleted counts for nothing',
      [jobCluster({ deleting: true })],
      { toMark: 0, left: 0 },
    ],
    [
      'several job clusters add up',
      [
        jobCluster({ state: 'RUNNING' }),
        jobCluster({ marked: true, state: 'TERMINATED' }),
        jobCluster({ marked: true }),
      ],
      { toMark: 1, left: 2 },
    ],
  ])('%s', (_name, clusters, expected) => {
    expect(jobClusterCleanup(clusters)).toEqual(expected);
  });

  it('reads the mark from the run-finished annotation', () => {
    expect(isMarkedFinished(jobCluster({ marked: true }))).toBe(true);
    expect(isMarkedFinished(jobCluster())).toBe(false);
  });
});
