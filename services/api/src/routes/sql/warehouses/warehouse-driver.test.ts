import type { ClusterResource, WarehouseResource } from '@brickyard/common/crd';
import { describe, expect, it } from 'vitest';
import { driverStep } from './warehouse-driver.js';

function warehouse(
  desiredState: WarehouseResource['spec']['desiredState'],
  status?: WarehouseResource['status'],
): WarehouseResource {
  return {
    apiVersion: 'brickyard.dev/v1alpha1',
    kind: 'Warehouse',
    metadata: { name: 'w1' },
    spec: { name: 'bi', clusterSize: 'Small', desiredState },
    ...(status ? { status } : {}),
  };
}

function cluster(
  state: 'PENDING' | 'RUNNING' | 'RESIZING' | 'TERMINATING' | 'TERMINATED',
  driverIp?: string,
): ClusterResource {
  return {
    apiVersion: 'brickyard.dev/v1alpha1',
    kind: 'Cluster',
    metadata: { name: 'warehouse-w1' },
    spec: { sparkVersion: '19.3.x-scala2.13', desiredState: 'RUNNING' },
    status: { state, ...(driverIp ? { driver: { privateIp: driverIp } } : {}) },
  };
}

describe("the step to a warehouse's driver", () => {
  it.each<[string, WarehouseResource, ClusterResource | undefined, boolean, string]>([
    [
      'a running warehouse whose driver is up',
      warehouse('RUNNING', { state: 'RUNNING' }),
      cluster('RUNNING', '127.32.0.1'),
      false,
      'ready',
    ],
    [
      'a running warehouse whose Cluster this cache has not seen up yet',
      warehouse('RUNNING', { state: 'RUNNING' }),
      cluster('PENDING'),
      false,
      'wait',
    ],
    ['a starting warehouse', warehouse('RUNNING', { state: 'STARTING' }), cluster('PENDING'), false, 'wait'],
    ['a warehouse the operator has not reported on', warehouse('RUNNING'), undefined, false, 'wait'],
    [
      'a stopping warehouse',
      warehouse('STOPPED', { state: 'STOPPING' }),
      cluster('TERMINATING'),
      false,
      'wait',
    ],
    [
      'a stopped warehouse',
      warehouse('STOPPED', { state: 'STOPPED' }),
      cluster('TERMINATED'),
      false,
      'start',
    ],
    [
      'a warehouse stopped when idle',
      warehouse('RUNNING', { state: 'STOPPED' }),
      cluster('TERMINATED'),
      false,
      'start',
    ],
    [
      'a warehouse stopped again after a start asked for here',
      warehouse('RUNNING', { state: 'STOPPED' }),
      cluster('TERMINATED'),
      true,
      'refuse',
    ],
    ['a deleted warehouse', warehouse('DELETED', { state: 'DELETED' }), undefined, false, 'refuse'],
  ])('for %s is %s', (_case, resource, compute, startedHere, kind) => {
    expect(driverStep(resource, compute, startedHere).kind).toBe(kind);
  });

  it("answers the Cluster and its driver's address", () => {
    expect(
      driverStep(warehouse('RUNNING', { state: 'RUNNING' }), cluster('RESIZING', '127.32.0.1'), false),
    ).toEqual({
      kind: 'ready',
      driver: { clusterId: 'warehouse-w1', driverAddress: '127.32.0.1' },
    });
  });

  it('says why a start failed', () => {
    const failed = warehouse('RUNNING', {
      state: 'STOPPED',
      health: { status: 'FAILED', summary: 'No memory' },
    });
    const step = driverStep(failed, cluster('TERMINATED'), true);
    expect(step.kind === 'refuse' && step.error.message).toBe('Warehouse w1 failed to start: No memory');
  });
});
