import type { ClusterState } from '@brickyard/common/cluster-spec';
import type { ClusterResource } from '@brickyard/common/crd';
import { describe, expect, it } from 'vitest';
import { runningDriverAddress } from './running-driver.js';

function cluster(state: ClusterState | undefined, privateIp?: string): ClusterResource {
  return {
    apiVersion: 'brickyard.dev/v1alpha1',
    kind: 'Cluster',
    metadata: { name: '0101-000000-abcdefgh' },
    spec: { sparkVersion: '19.3.x-scala2.13', numWorkers: 0, desiredState: 'RUNNING', restartGeneration: 1 },
    ...(state ? { status: { state, ...(privateIp ? { driver: { privateIp } } : {}) } } : {}),
  };
}

describe('runningDriverAddress', () => {
  it.each<[string, ClusterResource]>([
    ['a running cluster', cluster('RUNNING', '10.0.0.7')],
    ['a resizing cluster', cluster('RESIZING', '10.0.0.7')],
  ])('is the driver address of %s', (_name, resource) => {
    expect(runningDriverAddress(resource)).toBe('10.0.0.7');
  });

  it.each<[string, ClusterResource, string]>([
    ['a terminated cluster', cluster('TERMINATED'), 'TERMINATED'],
    ['a starting cluster', cluster('PENDING', '10.0.0.7'), 'PENDING'],
    ['a restarting cluster', cluster('RESTARTING', '10.0.0.7'), 'RESTARTING'],
    ['a terminating cluster', cluster('TERMINATING', '10.0.0.7'), 'TERMINATING'],
    ['a cluster in error', cluster('ERROR'), 'ERROR'],
    ['a cluster the operator has not reported on', cluster(undefined), 'PENDING'],
    ['a running cluster whose driver has no address yet', cluster('RUNNING'), 'RUNNING'],
  ])('refuses %s with 400 INVALID_STATE', (_name, resource, state) => {
    expect(() => runningDriverAddress(resource)).toThrow(
      expect.objectContaining({
        statusCode: 400,
        errorCode: 'INVALID_STATE',
        message: `Cluster 0101-000000-abcdefgh is not running (state ${state})`,
      }),
    );
  });
});
