import { describe, expect, it } from 'vitest';
import type { ClusterStatus } from './cluster-type.js';
import { decideCluster } from './lifecycle.js';
import type { ObservedPod } from './observed-pod.js';
import { planPods } from './pod-plan.js';
import { CLUSTER_ID, readyPods, type SpecOverrides, testCluster, testPod } from './test-cluster.js';

const settings = { scaleDownIdleMs: 5_000, tasksPerWorker: 1, minuteMs: 1_000 };
const running: ClusterStatus = { state: 'RUNNING', desiredWorkers: 2, observedRestartGeneration: 0 };

describe('planPods', () => {
  interface Case {
    spec?: SpecOverrides;
    status?: ClusterStatus;
    pods: ObservedPod[];
    /** Slots to create, as the pod name suffixes. */
    create: string[];
    /** Pods to delete, as "<suffix> <reason>". */
    delete: string[];
    service: 'ensure' | 'delete';
  }
  const cases: Record<string, Case> = {
    'creates the driver and every worker of a new cluster': {
      pods: [],
      create: ['driver', 'worker-0', 'worker-1'],
      delete: [],
      service: 'ensure',
    },
    'creates only the slots that have no pod': {
      status: running,
      pods: [testPod('driver'), testPod('worker-1')],
      create: ['worker-0'],
      delete: [],
      service: 'ensure',
    },
    'counts a pod adopted from an instance pool as the slot it fills': {
      status: running,
      pods: [
        testPod('driver'),
        testPod('worker-0', { name: `${CLUSTER_ID}-pool-a` }),
        testPod('worker-5', { name: `${CLUSTER_ID}-pool-b` }),
      ],
      create: ['worker-1'],
      delete: ['pool-b scaled-down'],
      service: 'ensure',
    },
    'waits for a pod being deleted before filling its slot again': {
      status: running,
      pods: [testPod('driver'), testPod('worker-0', { deleting: true }), testPod('worker-1')],
      create: [],
      delete: [],
      service: 'ensure',
    },
    'removes the highest-indexed workers when shrinking': {
      spec: { numWorkers: 1 },
      status: running,
      pods: readyPods(3),
      create: [],
      delete: ['worker-1 scaled-down', 'worker-2 scaled-down'],
      service: 'ensure',
    },
    'deletes a failed pod, to replace it once it is gone': {
      status: running,
      pods: [testPod('driver'), testPod('worker-0', { phase: 'Failed', ready: false }), testPod('worker-1')],
      create: [],
      delete: ['worker-0 failed'],
      service: 'ensure',
    },
    'deletes a pod with a name it never gives': {
      status: running,
      pods: [...readyPods(2), testPod('worker-x')],
      create: [],
      delete: ['worker-x unexpected'],
      service: 'ensure',
    },
    'deletes every pod and the Service of a cluster being terminated': {
      spec: { desiredState: 'TERMINATED' },
      status: running,
      pods: [...readyPods(1), testPod('worker-1', { deleting: true })],
      create: [],
      delete: ['driver terminating', 'worker-0 terminating'],
      service: 'delete',
    },
    'deletes the old pods of a restart and creates nothing until they are gone': {
      spec: { restartGeneration: 1 },
      status: running,
      pods: [...readyPods(1), testPod('worker-1', { restartGeneration: 1 })],
      create: [],
      delete: ['driver restarting', 'worker-0 restarting'],
      service: 'ensure',
    },
  };

  it.each(Object.entries(cases))('%s', (_name, testCase) => {
    const cluster = testCluster({
      ...(testCase.spec ? { spec: testCase.spec } : {}),
      ...(testCase.status ? { status: testCase.status } : {}),
    });
    const decision = decideCluster({
      cluster,
      pods: testCase.pods,
      demand: undefined,
      memory: undefined,
      settings,
      now: 1_000_000,
    });
    const plan = planPods(cluster, decision, testCase.pods);
    const suffix = (name: string) => name.slice(`${cluster.metadata.name}-`.length);
    expect(plan.create.map((slot) => suffix(slot.name))).toEqual(testCase.create);
    expect(plan.delete.map(({ pod, reason }) => `${suffix(pod.name)} ${reason}`)).toEqual(testCase.delete);
    expect(plan.service).toBe(testCase.service);
  });
});

describe('planPods resend', () => {
  it('sends adopted pool pods that do not serve yet their slot again', () => {
    const cluster = testCluster({ status: running });
    const pods = [
      testPod('driver', { fromPool: true, ready: false }),
      testPod('worker-0', { fromPool: true }),
      testPod('worker-1', { ready: false }),
    ];
    const decision = decideCluster({
      cluster,
      pods,
      demand: undefined,
      memory: undefined,
      settings,
      now: 1_000_000,
    });
    expect(planPods(cluster, decision, pods).resend.map((pod) => pod.name)).toEqual([`${CLUSTER_ID}-driver`]);
  });
});
