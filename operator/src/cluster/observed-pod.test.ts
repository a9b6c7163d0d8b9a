import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { isLive, observePod } from './observed-pod.js';
import { CLUSTER_ID } from './test-cluster.js';

function pod(status: NonNullable<V1Pod['status']>, metadata: V1Pod['metadata'] = {}): V1Pod {
  return {
    metadata: {
      name: `${CLUSTER_ID}-worker-3`,
      uid: 'uid-3',
      annotations: { 'brickyard.dev/restart-generation': '2' },
      ...metadata,
    },
    spec: { containers: [{ name: 'runtime', env: [{ name: 'BRICKYARD_NODE_TYPE', value: 'm5d.xlarge' }] }] },
    status,
  };
}

describe('observePod', () => {
  it('reads the slot of a pod adopted from an instance pool from its annotation, not its name', () => {
    const adopted = (slot: string) =>
      observePod(
        CLUSTER_ID,
        pod({ phase: 'Running' }, { name: 'pool-pod', annotations: { 'brickyard.dev/pool-slot': slot } }),
      ).slot;
    expect(adopted('worker-4')).toEqual({ role: 'worker', index: 4, name: `${CLUSTER_ID}-worker-4` });
    expect(adopted('driver')).toEqual({ role: 'driver', index: 0, name: `${CLUSTER_ID}-driver` });
    expect(adopted('worker-x')).toBeUndefined();
  });

  it('reads a running, ready pod: slot, generation, node type, addresses and start', () => {
    const observed = observePod(
      CLUSTER_ID,
      pod({
        phase: 'Running',
        podIP: '127.32.0.9',
        hostIP: '127.0.0.1',
        startTime: '2026-03-01T10:00:00Z' as unknown as Date,
        conditions: [{ type: 'Ready', status: 'True' }],
      }),
    );
    expect(observed).toEqual({
      name: `${CLUSTER_ID}-worker-3`,
      uid: 'uid-3',
      slot: { role: 'worker', index: 3, name: `${CLUSTER_ID}-worker-3` },
      restartGeneration: 2,
      nodeTypeId: 'm5d.xlarge',
      phase: 'Running',
      ready: true,
      fromPool: false,
      deleting: false,
      podIP: '127.32.0.9',
      hostIP: '127.0.0.1',
      startMs: Date.parse('2026-03-01T10:00:00Z'),
    });
    expect(isLive(observed)).toBe(true);
  });

  it("takes the scheduler's message and since when it has failed from the PodScheduled condition", () => {
    const observed = observePod(
      CLUSTER_ID,
      pod({
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/2 nodes are available: 2 Insufficient cpu.',
            lastTransitionTime: '2026-03-01T10:00:05Z' as unknown as Date,
          },
        ],
      }),
    );
    expect(observed.problem).toBe('0/2 nodes are available: 2 Insufficient cpu.');
    expect(observed.unschedulableSinceMs).toBe(Date.parse('2026-03-01T10:00:05Z'));
  });

  it('reports a container in trouble, but not one that is merely starting', () => {
    const waiting = (reason: string, message?: string) =>
      observePod(
        CLUSTER_ID,
        pod({
          phase: 'Running',
          containerStatuses: [
            {
              name: 'runtime',
              image: 'brickyard/runtime',
              imageID: '',
              ready: false,
              restartCount: 3,
              state: { waiting: { reason, ...(message ? { message } : {}) } },
            },
          ],
        }),
      ).problem;
    expect(waiting('CrashLoopBackOff', 'back-off 10s')).toBe('CrashLoopBackOff: back-off 10s');
    expect(waiting('ContainerCreating')).toBeUndefined();
  });

  it('counts a pod being deleted, or finished, as not live', () => {
    const deleting = observePod(CLUSTER_ID, pod({ phase: 'Running' }, { deletionTimestamp: new Date() }));
    expect(deleting.deleting).toBe(true);
    expect(isLive(deleting)).toBe(false);
    expect(isLive(observePod(CLUSTER_ID, pod({ phase: 'Failed' })))).toBe(false);
  });
});
