import { PoolAnnotations } from '@brickyard/common/vocabulary';
import { describe, expect, it } from 'vitest';
import type { PoolPod } from '../instance-pool/pool-plan.js';
import { adoptionPatch, assignmentOf, planAdoptions } from './adoption.js';
import { driverSlot, workerSlot } from './naming.js';
import { CLUSTER_ID, testCluster } from './test-cluster.js';

function idle(name: string, ready = true): PoolPod {
  return {
    name,
    uid: `uid-${name}`,
    resourceVersion: '7',
    clusterId: undefined,
    ready,
    deleting: false,
    idleSinceMs: 0,
  };
}

const slots = [workerSlot(CLUSTER_ID, 0), driverSlot(CLUSTER_ID), workerSlot(CLUSTER_ID, 1)];

describe('planAdoptions', () => {
  it('gives the driver a warm pod first, then workers, each pod once, cold pods for the rest', () => {
    const cluster = testCluster({ spec: { numWorkers: 2, instancePoolId: 'p' } });
    const pods = [idle('p-cold', false), idle('p-warm')];
    const { adopt, create } = planAdoptions(cluster, slots, () => pods);
    expect(adopt.map(({ slot, pod }) => `${slot.name} <- ${pod.name}`)).toEqual([
      `${CLUSTER_ID}-driver <- p-warm`,
      `${CLUSTER_ID}-worker-0 <- p-cold`,
    ]);
    expect(create.map((slot) => slot.name)).toEqual([`${CLUSTER_ID}-worker-1`]);
  });

  it('takes the driver from driver_instance_pool_id and workers from instance_pool_id', () => {
    const cluster = testCluster({
      spec: { numWorkers: 2, instancePoolId: 'workers', driverInstancePoolId: 'drivers' },
    });
    const { adopt } = planAdoptions(cluster, slots, (poolId) =>
      poolId === 'drivers' ? [idle('d')] : [idle('w')],
    );
    expect(adopt.map(({ slot, pod }) => `${slot.role} <- ${pod.name}`)).toEqual([
      'driver <- d',
      'worker <- w',
    ]);
  });

  it('creates every slot cold for a cluster on no pool', () => {
    const { adopt, create } = planAdoptions(testCluster({}), slots, () => [idle('x')]);
    expect(adopt).toEqual([]);
    expect(create).toHaveLength(3);
  });
});

describe('adoptionPatch', () => {
  it('relabels, re-owns and names the slot of the pod, conditional on its version', () => {
    const cluster = testCluster({ spec: { instancePoolId: 'p' } });
    const patch = adoptionPatch(cluster, { slot: workerSlot(CLUSTER_ID, 3), pod: idle('p-1') }, 42) as {
      metadata: {
        resourceVersion: string;
        labels: Record<string, string>;
        annotations: Record<string, string>;
      };
    } & { metadata: { ownerReferences: { name: string }[] } };
    expect(patch.metadata.resourceVersion).toBe('7');
    expect(patch.metadata.labels).toMatchObject({
      'brickyard.dev/cluster-id': CLUSTER_ID,
      'brickyard.dev/role': 'worker',
    });
    expect(patch.metadata.annotations[PoolAnnotations.slot]).toBe('worker-3');
    expect(patch.metadata.ownerReferences.map((owner) => owner.name)).toEqual([CLUSTER_ID]);
  });
});

describe('assignmentOf', () => {
  it('sends the variables a cold pod of the slot has', () => {
    const cluster = testCluster({ spec: { instancePoolId: 'p', sparkEnvVars: { PYSPARK_PYTHON: '/x' } } });
    const { env } = assignmentOf(cluster, driverSlot(CLUSTER_ID), 42);
    expect(env).toMatchObject({
      BRICKYARD_CLUSTER_ID: CLUSTER_ID,
      BRICKYARD_WORKSPACE_ID: '42',
      BRICKYARD_ROLE: 'driver',
      PYSPARK_PYTHON: '/x',
    });
  });
});
