import {
  editRequested,
  isSpecObserved,
  reportedState,
  resizeRequested,
  restartRequested,
  startRequested,
  terminationRequested,
} from '@brickyard/common/cluster-spec';
import type { ClusterResource } from '@brickyard/common/crd';
import type { Condition } from '@brickyard/common/kube';
import { describe, expect, it } from 'vitest';
import type { ClusterEvent, ClusterState, ClusterStatus } from './cluster-type.js';
import type { Demand } from './demand.js';
import { type ClusterMemory, decideCluster } from './lifecycle.js';
import type { ObservedPod } from './observed-pod.js';
import { computeClusterStatus, MAX_EVENTS, type StatusResult } from './status.js';
import {
  CLUSTER_ID,
  RUN_FINISHED,
  readyPods,
  type SpecOverrides,
  testCluster,
  testPod,
} from './test-cluster.js';

const start = 80_000_000;
const settings = {
  scaleDownIdleMs: 5_000,
  tasksPerWorker: 1,
  minuteMs: 1_000,
  unschedulableTimeoutMs: 60_000,
};

/**
 * A cluster driven through reconciles as the reconciler drives it (decide, then compute the
 * status, then store it as the new status), with the pods and the clock each step gives.
 */
class Simulation {
  cluster: ClusterResource;
  memory: ClusterMemory | undefined;
  now = start;
  last: StatusResult | undefined;

  constructor(spec: SpecOverrides = {}) {
    this.cluster = testCluster({ spec });
  }

  get status(): ClusterStatus {
    return this.cluster.status ?? {};
  }

  /** Changes the spec (and the generation), as the API does. */
  edit(spec: Partial<ClusterResource['spec']>): this {
    this.cluster = {
      ...this.cluster,
      metadata: { ...this.cluster.metadata, generation: (this.cluster.metadata.generation ?? 1) + 1 },
      spec: { ...this.cluster.spec, ...spec },
    };
    return this;
  }

  /** Marks the cluster's run as over, as the scheduler does to a job cluster. */
  finishRun(): this {
    this.cluster = {
      ...this.cluster,
      metadata: { ...this.cluster.metadata, annotations: { ...RUN_FINISHED } },
    };
    return this;
  }

  /** Changes the spec as a writer of spec asks for a transition (cluster-spec's requests). */
  request(change: (cluster: ClusterResource) => ClusterResource['spec']): this {
    this.cluster = {
      ...this.cluster,
      metadata: { ...this.cluster.metadata, generation: (this.cluster.metadata.generation ?? 1) + 1 },
      spec: change(this.cluster),
    };
    return this;
  }

  /** One reconcile at `afterMs` past the previous one; returns the cluster events it added. */
  step(pods: ObservedPod[], options: { afterMs?: number; demand?: Demand } = {}): ClusterEvent[] {
    this.now += options.afterMs ?? 100;
    const decision = decideCluster({
      cluster: this.cluster,
      pods,
      demand: options.demand,
      memory: this.memory,
      settings,
      now: this.now,
    });
    this.memory = decision.memory;
    this.last = computeClusterStatus({ cluster: this.cluster, decision, pods, settings, now: this.now });
    this.cluster = { ...this.cluster, status: this.last.status };
    return this.last.events;
  }
}

const types = (events: ClusterEvent[]) => events.map((event) => event.type);
const conditionsOf = (status: ClusterStatus): Record<string, string> =>
  Object.fromEntries(
    ((status.conditions ?? []) as Condition[]).map((c) => [c.type, `${c.status} ${c.reason}`]),
  );

/** A cluster of 2 workers that has reached RUNNING. */
function runningCluster(spec: SpecOverrides = {}): Simulation {
  const sim = new Simulation(spec);
  sim.step([]);
  sim.step(readyPods(sim.cluster.spec.numWorkers ?? sim.cluster.spec.autoscale?.minWorkers ?? 0));
  expect(sim.status.state).toBe('RUNNING');
  return sim;
}

/** A cluster of 2 workers that was terminated on request (or, with `idleMinutes`, for inactivity). */
function terminatedCluster(idleMinutes?: number): Simulation {
  const sim = runningCluster(idleMinutes ? { autoterminationMinutes: idleMinutes } : {});
  if (idleMinutes)
    sim.step(readyPods(2), { demand: { queued: 0, running: 0 }, afterMs: idleMinutes * 1_000 });
  else sim.edit({ desiredState: 'TERMINATED' }).step(readyPods(2));
  sim.step([]);
  expect(sim.status.state).toBe('TERMINATED');
  return sim;
}

describe('the transitions a spec change asks for', () => {
  // The API answers a lifecycle call once the operator has observed it, and then reports only
  // what status says: so the first reconcile that sees a request must publish its transition,
  // while the pods from before are all still there.
  it.each<
    [string, () => Simulation, (cluster: ClusterResource) => ClusterResource['spec'], number, ClusterState]
  >([
    ['a restart of a running cluster', runningCluster, ({ spec }) => restartRequested(spec), 2, 'RESTARTING'],
    [
      'an edit of a running cluster',
      runningCluster,
      (cluster) => editRequested(cluster, { spark_version: '19.3.x-no-spark-scala2.13', num_workers: 2 }),
      2,
      'RESTARTING',
    ],
    ['a resize up', runningCluster, ({ spec }) => resizeRequested(spec, { num_workers: 4 }), 2, 'RESIZING'],
    [
      'a switch to autoscale above the current size',
      runningCluster,
      ({ spec }) => resizeRequested(spec, { autoscale: { min_workers: 3, max_workers: 5 } }),
      2,
      'RESIZING',
    ],
    ['a termination', runningCluster, ({ spec }) => terminationRequested(spec), 2, 'TERMINATING'],
    ['a start', () => terminatedCluster(), ({ spec }) => startRequested(spec), -1, 'PENDING'],
    [
      'a start after a termination for inactivity',
      () => terminatedCluster(10),
      ({ spec }) => startRequested(spec),
      -1,
      'PENDING',
    ],
    [
      'an edit of a terminated cluster, which stays terminated',
      () => terminatedCluster(),
      (cluster) => editRequested(cluster, { spark_version: '19.3.x-no-spark-scala2.13', num_workers: 1 }),
      -1,
      'TERMINATED',
    ],
  ])('publishes %s at once', (_case, given, change, workers, state) => {
    const sim = given().request(change);
    expect(isSpecObserved(sim.cluster)).toBe(false);
    sim.step(workers < 0 ? [] : readyPods(workers));
    expect(isSpecObserved(sim.cluster)).toBe(true);
    expect(reportedState(sim.cluster)).toBe(state);
  });
});

describe('the cluster state machine', () => {
  it('creates a cluster: PENDING with CREATING, then RUNNING once the driver and the workers are ready', () => {
    const sim = new Simulation();
    expect(types(sim.step([]))).toEqual(['CREATING']);
    expect(sim.status).toMatchObject({
      state: 'PENDING',
      startTime: sim.now,
      lastActivityTime: sim.now,
      desiredWorkers: 2,
      readyWorkers: 0,
      observedGeneration: 1,
      observedRestartGeneration: 0,
      stateMessage: 'Starting the driver and 2 workers (0 of 3 pods ready)',
    });
    const startTime = sim.now;

    expect(sim.step([testPod('driver'), testPod('worker-0'), testPod('worker-1', { ready: false })])).toEqual(
      [],
    );
    expect(sim.status.state).toBe('PENDING');
    expect(sim.status.readyWorkers).toBe(1);

    const events = sim.step(readyPods(2));
    expect(events).toEqual([
      { clusterId: CLUSTER_ID, timestamp: sim.now, type: 'DRIVER_HEALTHY' },
      {
        clusterId: CLUSTER_ID,
        timestamp: sim.now,
        type: 'RUNNING',
        details: { current_num_workers: 2, target_num_workers: 2 },
      },
    ]);
    expect(sim.status).toMatchObject({
      state: 'RUNNING',
      startTime,
      readyWorkers: 2,
      clusterCores: 6,
      clusterMemoryMb: 3 * 8192,
      driver: { nodeId: `${CLUSTER_ID}-driver`, instanceId: 'uid-driver', privateIp: '127.32.0.1' },
    });
    expect(sim.status.stateMessage).toBeUndefined();
    expect(sim.status.executors?.map((node) => node.nodeId)).toEqual([
      `${CLUSTER_ID}-worker-0`,
      `${CLUSTER_ID}-worker-1`,
    ]);
    expect(conditionsOf(sim.status)).toEqual({
      Ready: 'True Running',
      DriverReady: 'True PodsReady',
      WorkersReady: 'True PodsReady',
    });
  });

  it('says at once why a pod cannot be scheduled, and is in ERROR once that has lasted too long', () => {
    const sim = new Simulation();
    sim.step([]);
    const message = '0/2 nodes are available: 2 Insufficient cpu.';
    const pending = (sinceMs: number) => [
      testPod('driver', { phase: 'Pending', ready: false, problem: message, unschedulableSinceMs: sinceMs }),
    ];
    sim.step(pending(sim.now + 100));
    expect(sim.status.state).toBe('PENDING');
    expect(sim.status.stateMessage).toBe(`Pod ${CLUSTER_ID}-driver: ${message}`);
    expect(conditionsOf(sim.status).DriverReady).toBe('False PodsUnschedulable');
    expect(sim.last?.wakeAtMs).toBe(sim.now + settings.unschedulableTimeoutMs);
    const since = sim.now;

    sim.step(pending(since), { afterMs: settings.unschedulableTimeoutMs });
    expect(sim.status.state).toBe('ERROR');
    expect(sim.status.stateMessage).toBe(`Pod ${CLUSTER_ID}-driver could not be scheduled: ${message}`);
    expect(conditionsOf(sim.status).Ready).toBe('False Failed');

    sim.step(readyPods(2));
    expect(sim.status.state).toBe('RUNNING');
  });

  it('resizes up: RESIZING (USER_REQUEST) until the new workers are ready, then UPSIZE_COMPLETED', () => {
    const sim = runningCluster().edit({ numWorkers: 4 });
    expect(sim.step(readyPods(2))).toEqual([
      expect.objectContaining({
        type: 'RESIZING',
        details: { current_num_workers: 2, target_num_workers: 4, cause: 'USER_REQUEST' },
      }),
    ]);
    expect(sim.status).toMatchObject({
      state: 'RESIZING',
      desiredWorkers: 4,
      stateMessage: 'Resizing to 4 workers (2 ready)',
    });
    expect(conditionsOf(sim.status).Ready).toBe('True Resizing');

    sim.step([...readyPods(3), testPod('worker-3', { ready: false })]);
    expect(sim.status.state).toBe('RESIZING');
    expect(sim.step(readyPods(4))).toEqual([
      expect.objectContaining({
        type: 'UPSIZE_COMPLETED',
        details: { current_num_workers: 4, target_num_workers: 4, cause: 'USER_REQUEST' },
      }),
    ]);
    expect(sim.status.state).toBe('RUNNING');
    expect(sim.step(readyPods(4))).toEqual([]);
  });

  it('resizes down: a RESIZING event, and RUNNING as soon as the extra workers are going', () => {
    const sim = runningCluster({ numWorkers: 3 }).edit({ numWorkers: 1 });
    const events = sim.step([...readyPods(1), testPod('worker-1', { deleting: true }), testPod('worker-2')]);
    expect(types(events)).toEqual(['RESIZING']);
    expect(sim.status).toMatchObject({ state: 'RUNNING', desiredWorkers: 1, readyWorkers: 1 });
  });

  it('autoscales up on demand and back down once idle, with cause AUTOSCALE', () => {
    const sim = runningCluster({ numWorkers: undefined, autoscale: { minWorkers: 1, maxWorkers: 3 } });
    expect(sim.step(readyPods(1), { demand: { queued: 3, running: 0 } })).toEqual([
      expect.objectContaining({
        type: 'RESIZING',
        details: { current_num_workers: 1, target_num_workers: 3, cause: 'AUTOSCALE' },
      }),
    ]);
    expect(types(sim.step(readyPods(3), { demand: { queued: 0, running: 3 } }))).toEqual([
      'UPSIZE_COMPLETED',
    ]);

    sim.step(readyPods(3), { demand: { queued: 0, running: 0 }, afterMs: 1_000 });
    expect(sim.status.desiredWorkers).toBe(3);
    expect(types(sim.step(readyPods(3), { demand: { queued: 0, running: 0 }, afterMs: 5_000 }))).toEqual([
      'RESIZING',
    ]);
    expect(sim.status.desiredWorkers).toBe(1);
  });

  it('restarts: RESTARTING while the old pods go and the new ones come, then RUNNING with lastRestartedTime', () => {
    const sim = runningCluster().edit({ restartGeneration: 1 });
    expect(types(sim.step(readyPods(2)))).toEqual(['RESTARTING']);
    expect(sim.status).toMatchObject({ state: 'RESTARTING', observedRestartGeneration: 0 });
    expect(sim.step(readyPods(2, { deleting: true }))).toEqual([]);
    sim.step([]);
    expect(sim.status).toMatchObject({ state: 'RESTARTING', observedRestartGeneration: 1 });
    sim.step(readyPods(2, { restartGeneration: 1, ready: false }));
    expect(sim.status.state).toBe('RESTARTING');
    expect(types(sim.step(readyPods(2, { restartGeneration: 1, uid: 'new' })))).toEqual([
      'DRIVER_HEALTHY',
      'RUNNING',
    ]);
    expect(sim.status).toMatchObject({ state: 'RUNNING', lastRestartedTime: sim.now });
  });

  it('reports DRIVER_NOT_RESPONDING when the driver of a running cluster stops being Ready, and DRIVER_HEALTHY when it is back', () => {
    const sim = runningCluster();
    const [driver, ...workers] = readyPods(2);
    expect(types(sim.step([{ ...(driver as ObservedPod), ready: false }, ...workers]))).toEqual([
      'DRIVER_NOT_RESPONDING',
    ]);
    expect(types(sim.step([{ ...(driver as ObservedPod), ready: false }, ...workers]))).toEqual([]);
    expect(types(sim.step(readyPods(2)))).toContain('DRIVER_HEALTHY');
  });

  it('terminates on request: TERMINATING until the pods are gone, then TERMINATED (USER_REQUEST)', () => {
    const sim = runningCluster().edit({ desiredState: 'TERMINATED' });
    const reason = { code: 'USER_REQUEST', type: 'SUCCESS' };
    expect(sim.step(readyPods(2))).toEqual([
      expect.objectContaining({ type: 'TERMINATING', details: { reason } }),
    ]);
    expect(sim.status).toMatchObject({ state: 'TERMINATING', terminationReason: reason });
    sim.step(readyPods(2, { deleting: true }));
    // Databricks' event feed has no TERMINATED type: TERMINATING (with the reason) is the last event.
    expect(types(sim.step([]))).toEqual([]);
    expect(sim.status).toMatchObject({
      state: 'TERMINATED',
      terminatedTime: sim.now,
      terminationReason: reason,
      readyWorkers: 0,
      desiredWorkers: 0,
      clusterCores: 0,
    });
    expect(sim.status.driver).toBeUndefined();
    const terminatedTime = sim.now;
    sim.step([], { afterMs: 60_000 });
    expect(sim.status.terminatedTime).toBe(terminatedTime);
  });

  it('terminates a job cluster whose run is over: TERMINATING, then TERMINATED with JOB_FINISHED, for good', () => {
    const sim = runningCluster({ clusterSource: 'JOB' }).finishRun();
    const reason = { code: 'JOB_FINISHED', type: 'SUCCESS' };
    expect(sim.step(readyPods(2))).toEqual([
      expect.objectContaining({ type: 'TERMINATING', details: { reason } }),
    ]);
    expect(sim.status).toMatchObject({ state: 'TERMINATING', terminationReason: reason });
    sim.step([]);
    expect(sim.status).toMatchObject({
      state: 'TERMINATED',
      terminatedTime: sim.now,
      terminationReason: reason,
      stateMessage: '',
    });
    // No instance runs, so nothing more is billed.
    expect(sim.status.usage?.rate.instances).toBe(0);
    const accrued = sim.status.usage?.dbus;
    sim.step([], { afterMs: 3_600_000 });
    expect(sim.status.usage?.dbus).toBe(accrued);
    // The same spec change that starts a cluster (clusters/start) leaves it off.
    sim.edit({ restartGeneration: 1 });
    expect(sim.step([])).toEqual([]);
    expect(sim.status.state).toBe('TERMINATED');
    expect(sim.status.events?.map((event) => event.type)).toEqual([
      'CREATING',
      'DRIVER_HEALTHY',
      'RUNNING',
      'TERMINATING',
    ]);
  });

  it('starts a terminated cluster again: PENDING with STARTING and a new startTime', () => {
    const sim = runningCluster().edit({ desiredState: 'TERMINATED' });
    sim.step([]);
    expect(sim.status.state).toBe('TERMINATED');
    sim.edit({ desiredState: 'RUNNING', restartGeneration: 1 });
    expect(types(sim.step([], { afterMs: 10_000 }))).toEqual(['STARTING']);
    expect(sim.status).toMatchObject({ state: 'PENDING', startTime: sim.now, observedRestartGeneration: 1 });
    expect(sim.status.terminatedTime).toBeUndefined();
    expect(sim.status.terminationReason).toBeUndefined();
  });

  it('terminates an idle cluster for INACTIVITY and keeps it off until it is started', () => {
    const sim = runningCluster({ autoterminationMinutes: 10 });
    const idle = { queued: 0, running: 0 };
    sim.step(readyPods(2), { demand: { queued: 1, running: 0 }, afterMs: 5_000 });
    const activeAt = sim.now;
    sim.step(readyPods(2), { demand: idle, afterMs: 9_999 });
    expect(sim.status.state).toBe('RUNNING');
    const events = sim.step(readyPods(2), { demand: idle, afterMs: 1 });
    expect(sim.now - activeAt).toBe(10_000);
    const reason = { code: 'INACTIVITY', type: 'SUCCESS', parameters: { inactivity_duration_min: '10' } };
    expect(events).toEqual([expect.objectContaining({ type: 'TERMINATING', details: { reason } })]);
    sim.step([]);
    expect(sim.status).toMatchObject({
      state: 'TERMINATED',
      terminationReason: reason,
      stateMessage: 'Inactive cluster terminated (inactive for 10 minutes).',
    });
    expect(sim.cluster.spec.desiredState).toBe('RUNNING');
    expect(sim.step([], { demand: idle, afterMs: 60_000 })).toEqual([]);
    expect(sim.status.state).toBe('TERMINATED');

    sim.edit({ restartGeneration: 1 });
    expect(types(sim.step([]))).toEqual(['STARTING']);
    expect(sim.status.state).toBe('PENDING');
  });

  it('reports NODES_LOST when a wanted pod it listed is gone, and not when a worker is scaled away', () => {
    const sim = runningCluster({ numWorkers: 3 });
    sim.step(readyPods(3));
    const lost = sim.step([testPod('driver'), testPod('worker-0'), testPod('worker-2')]);
    expect(lost).toEqual([
      expect.objectContaining({
        type: 'NODES_LOST',
        details: {
          node_id: `${CLUSTER_ID}-worker-1`,
          instance_id: 'uid-worker-1',
          current_num_workers: 2,
          target_num_workers: 3,
        },
      }),
    ]);
    expect(sim.status.state).toBe('RESIZING');
    expect(sim.step([...readyPods(3)])).toEqual([]);

    sim.edit({ numWorkers: 1 });
    expect(types(sim.step(readyPods(1)))).toEqual(['RESIZING']);
  });

  it('reports a spec it cannot run as ERROR, without pods', () => {
    const sim = new Simulation({ nodeTypeId: 'x9.huge' });
    expect(sim.step([])).toEqual([]);
    expect(sim.status).toMatchObject({ state: 'ERROR', desiredWorkers: 0 });
    expect(sim.status.stateMessage).toContain('x9.huge');
    expect(conditionsOf(sim.status).Ready).toBe('False InvalidSpec');
  });

  it('computes the same status again from the same observation, so nothing is written twice', () => {
    const sim = runningCluster({ autoterminationMinutes: 30 });
    sim.step(readyPods(2), { demand: { queued: 0, running: 0 } });
    const first = sim.status;
    sim.step(readyPods(2), { demand: { queued: 0, running: 0 }, afterMs: 300 });
    expect(sim.status).toEqual(first);
  });

  it('moves lastActivityTime in steps of one minute only', () => {
    const sim = runningCluster({ numWorkers: undefined, autoscale: { minWorkers: 2, maxWorkers: 3 } });
    const busy = { queued: 0, running: 1 };
    sim.step(readyPods(2), { demand: busy, afterMs: 2_000 });
    const recorded = sim.status.lastActivityTime;
    sim.step(readyPods(2), { demand: busy, afterMs: 500 });
    expect(sim.status.lastActivityTime).toBe(recorded);
    sim.step(readyPods(2), { demand: busy, afterMs: 500 });
    expect(sim.status.lastActivityTime).toBe(sim.now);
  });

  it(`keeps the ${MAX_EVENTS} most recent events`, () => {
    const old: ClusterEvent[] = Array.from({ length: MAX_EVENTS }, (_, i) => ({
      clusterId: CLUSTER_ID,
      timestamp: i,
      type: 'RESIZING',
    }));
    const sim = runningCluster();
    sim.cluster = { ...sim.cluster, status: { ...sim.status, events: old } };
    sim.edit({ numWorkers: 3 });
    sim.step(readyPods(2));
    expect(sim.status.events).toHaveLength(MAX_EVENTS);
    expect(sim.status.events?.[0]?.timestamp).toBe(1);
    expect(sim.status.events?.at(-1)?.type).toBe('RESIZING');
  });

  it('accrues estimated usage at the rate of the running pods, rewriting it only when the rate changes', () => {
    const sim = new Simulation({ numWorkers: 2 });
    sim.step([]);
    expect(sim.status.usage?.rate.instances).toBe(0);
    sim.step(readyPods(2));
    const running = sim.status.usage;
    expect(running?.rate.instances).toBe(3);
    expect(running?.workload).toBe('ALL_PURPOSE');
    sim.step(readyPods(2), { afterMs: 3_600_000 });
    expect(sim.status.usage).toBe(running);
    sim.step([testPod('driver'), testPod('worker-0'), testPod('worker-1', { phase: 'Succeeded' })]);
    expect(sim.status.usage?.rate.instances).toBe(2);
    expect(sim.status.usage?.dbus).toBeCloseTo(3 * 0.34, 2);
  });

  it('bills a job cluster as jobs compute', () => {
    const sim = new Simulation({ clusterSource: 'JOB' });
    sim.step(readyPods(2));
    expect(sim.status.usage?.workload).toBe('JOBS');
  });
});
