import type { ClusterResource } from '@brickyard/common/crd';
import type { ClusterState } from '@brickyard/common/schema';
import { describe, expect, it } from 'vitest';
import { clusterState } from './cluster-details.js';

function cluster(
  spec: Partial<ClusterResource['spec']>,
  status: ClusterResource['status'] | undefined,
  generation = 1,
): ClusterResource {
  return {
    apiVersion: 'brickyard.dev/v1alpha1',
    kind: 'Cluster',
    metadata: { name: 'c', generation },
    spec: { sparkVersion: '15.4.x-scala2.12', desiredState: 'RUNNING', ...spec },
    ...(status ? { status } : {}),
  };
}

describe('clusterState', () => {
  it.each<[string, ClusterResource, ClusterState]>([
    ['a new cluster the operator has not seen', cluster({}, undefined), 'PENDING'],
    [
      'a terminated cluster the operator has not seen',
      cluster({ desiredState: 'TERMINATED' }, undefined),
      'TERMINATED',
    ],
    [
      'what the operator reports for the current spec',
      cluster({}, { state: 'RUNNING', observedGeneration: 1 }),
      'RUNNING',
    ],
    [
      'a resize the operator has not seen',
      cluster({ numWorkers: 3 }, { state: 'RUNNING', observedGeneration: 1 }, 2),
      'RESIZING',
    ],
    [
      'a restart the operator has not seen',
      cluster(
        { restartGeneration: 1 },
        { state: 'RUNNING', observedGeneration: 1, observedRestartGeneration: 0 },
        2,
      ),
      'RESTARTING',
    ],
    [
      'a termination the operator has not seen',
      cluster({ desiredState: 'TERMINATED' }, { state: 'RUNNING', observedGeneration: 1 }, 2),
      'TERMINATING',
    ],
    [
      'a start the operator has not seen',
      cluster(
        { restartGeneration: 2 },
        { state: 'TERMINATED', observedGeneration: 1, observedRestartGeneration: 1 },
        2,
      ),
      'PENDING',
    ],
  ])('shows %s', (_case, resource, state) => {
    expect(clusterState(resource)).toBe(state);
  });
});
