import type { WarehouseState } from '@brickyard/common/schema';
import { describe, expect, it } from 'vitest';
import type { ClusterStatus } from '../cluster/cluster-type.js';
import { testCluster } from '../cluster/test-cluster.js';
import { computeWarehouseStatus, warehouseStateOf } from './status.js';
import { testWarehouse } from './test-warehouse.js';

const observed = (status: ClusterStatus) =>
  testCluster({ generation: 3, status: { observedGeneration: 3, ...status } });
const unobserved = (status: ClusterStatus, restartGeneration = 0) =>
  testCluster({
    generation: 4,
    spec: { restartGeneration },
    status: { observedGeneration: 3, observedRestartGeneration: 0, ...status },
  });

describe("a warehouse's state, from its Cluster's", () => {
  it.each<[string, 'RUNNING' | 'STOPPED', ReturnType<typeof testCluster> | undefined, WarehouseState]>([
    ['no Cluster yet, to run', 'RUNNING', undefined, 'STARTING'],
    ['no Cluster yet, stopped', 'STOPPED', undefined, 'STOPPED'],
    ['PENDING', 'RUNNING', observed({ state: 'PENDING' }), 'STARTING'],
    ['RESTARTING', 'RUNNING', observed({ state: 'RESTARTING' }), 'STARTING'],
    ['RUNNING', 'RUNNING', observed({ state: 'RUNNING' }), 'RUNNING'],
    ['RESIZING', 'RUNNING', observed({ state: 'RESIZING' }), 'RUNNING'],
    ['TERMINATING', 'STOPPED', observed({ state: 'TERMINATING' }), 'STOPPING'],
    ['TERMINATED', 'STOPPED', observed({ state: 'TERMINATED' }), 'STOPPED'],
    ['TERMINATED for inactivity', 'RUNNING', observed({ state: 'TERMINATED' }), 'STOPPED'],
    ['ERROR', 'RUNNING', observed({ state: 'ERROR' }), 'STOPPED'],
    [
      'TERMINATED before a start it has not observed',
      'RUNNING',
      unobserved({ state: 'TERMINATED' }, 1),
      'STARTING',
    ],
    [
      'TERMINATED for inactivity, before an edit it has not observed',
      'RUNNING',
      unobserved({ state: 'TERMINATED' }),
      'STOPPED',
    ],
    ['RUNNING before a stop it has not observed', 'STOPPED', unobserved({ state: 'RUNNING' }), 'STOPPING'],
    ['RUNNING before a resize it has not observed', 'RUNNING', unobserved({ state: 'RUNNING' }), 'RUNNING'],
  ])('%s (desired %s) is %s', (_case, desired, cluster, state) => {
    expect(warehouseStateOf(desired, cluster)).toBe(state);
  });
});

describe("a warehouse's status", () => {
  const now = 1_800_000_000_000;

  it('counts one cluster while running, names it, and records the generation it describes', () => {
    const status = computeWarehouseStatus({
      warehouse: testWarehouse({ generation: 5 }),
      cluster: observed({ state: 'RUNNING', stateMessage: '' }),
      now,
    });
    expect(status).toEqual({
      state: 'RUNNING',
      health: { status: 'HEALTHY', summary: 'The warehouse is running' },
      numClusters: 1,
      clusterId: '0301-100000-abcdefgh',
      observedGeneration: 5,
    });
  });

  it('is FAILED, with why, when the Cluster could not get its instances', () => {
    const reason = { code: 'AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE', type: 'CLOUD_FAILURE' as const };
    const status = computeWarehouseStatus({
      warehouse: testWarehouse({}),
      cluster: observed({
        state: 'TERMINATED',
        stateMessage: 'No memory for 2 instances',
        terminationReason: reason,
      }),
      now,
    });
    expect(status).toMatchObject({
      state: 'STOPPED',
      numClusters: 0,
      health: { status: 'FAILED', summary: 'No memory for 2 instances', failureReason: reason },
    });
  });

  it('is DELETING while the Cluster goes, then DELETED since the first time it was seen so', () => {
    const deleted = testWarehouse({ spec: { desiredState: 'DELETED' } });
    expect(
      computeWarehouseStatus({ warehouse: deleted, cluster: observed({ state: 'RUNNING' }), now }).state,
    ).toBe('DELETING');
    const gone = computeWarehouseStatus({ warehouse: deleted, cluster: undefined, now });
    expect(gone).toMatchObject({ state: 'DELETED', deletedTime: now, numClusters: 0 });
    const later = testWarehouse({ spec: { desiredState: 'DELETED' }, status: gone });
    expect(computeWarehouseStatus({ warehouse: later, cluster: undefined, now: now + 5 }).deletedTime).toBe(
      now,
    );
  });
});
