import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { type ContainerRecord, computePodStatus, type PodStatusInput, podPhase } from './pod-status.js';

const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-01T00:00:10Z';

function running(name: string, ready = true, restartCount = 0): ContainerRecord {
  return {
    name,
    image: 'brickyard/runtime',
    imageID: 'brickyard://brickyard/runtime',
    restartCount,
    state: { kind: 'running', startedAt: T0, containerID: 'brickyard://100' },
    started: true,
    ready,
  };
}

function exited(name: string, exitCode: number): ContainerRecord {
  return {
    ...running(name, false),
    state: {
      kind: 'terminated',
      terminated: {
        exitCode,
        reason: exitCode === 0 ? 'Completed' : 'Error',
        startedAt: T0,
        finishedAt: T1,
        containerID: 'brickyard://100',
      },
    },
  };
}

function waiting(name: string, reason = 'ContainerCreating'): ContainerRecord {
  return { ...running(name, false), state: { kind: 'waiting', reason } };
}

function backingOff(name: string, lastExitCode: number): ContainerRecord {
  const last = exited(name, lastExitCode);
  return {
    ...waiting(name, 'CrashLoopBackOff'),
    restartCount: 1,
    ...(last.state.kind === 'terminated' ? { lastTerminated: last.state.terminated } : {}),
  };
}

describe('podPhase', () => {
  it.each<{
    sentence: string;
    policy: 'Always' | 'OnFailure' | 'Never';
    init?: ContainerRecord[];
    containers: ContainerRecord[];
    terminal?: boolean;
    phase: string;
  }>([
    {
      sentence: 'a container not started yet keeps the pod Pending',
      policy: 'Always',
      containers: [waiting('a')],
      phase: 'Pending',
    },
    {
      sentence: 'one started and one not started is still Pending',
      policy: 'Always',
      containers: [running('a'), waiting('b')],
      phase: 'Pending',
    },
    {
      sentence: 'running containers make it Running',
      policy: 'Never',
      containers: [running('a')],
      phase: 'Running',
    },
    {
      sentence: 'a container backing off before a restart keeps it Running',
      policy: 'Always',
      containers: [backingOff('a', 1)],
      phase: 'Running',
    },
    {
      sentence: 'all exited 0 under Never is Succeeded',
      policy: 'Never',
      containers: [exited('a', 0), exited('b', 0)],
      phase: 'Succeeded',
    },
    {
      sentence: 'one failure under Never is Failed once nothing runs',
      policy: 'Never',
      containers: [exited('a', 0), exited('b', 3)],
      phase: 'Failed',
    },
    {
      sentence: 'one failure under Never with another still running stays Running',
      policy: 'Never',
      containers: [running('a'), exited('b', 3)],
      phase: 'Running',
    },
    {
      sentence: 'all exited 0 under OnFailure is Succeeded',
      policy: 'OnFailure',
      containers: [exited('a', 0)],
      phase: 'Succeeded',
    },
    {
      sentence: 'a failure under OnFailure is Running, it will restart',
      policy: 'OnFailure',
      containers: [backingOff('a', 2)],
      phase: 'Running',
    },
    {
      sentence: 'an init container still running keeps the pod Pending',
      policy: 'Always',
      init: [running('init')],
      containers: [waiting('a', 'PodInitializing')],
      phase: 'Pending',
    },
    {
      sentence: 'a failed init container under Never fails the pod',
      policy: 'Never',
      init: [exited('init', 1)],
      containers: [waiting('a', 'PodInitializing')],
      phase: 'Failed',
    },
    {
      sentence: 'a deleted pod whose containers exited 0 is Succeeded',
      policy: 'Always',
      containers: [exited('a', 0)],
      terminal: true,
      phase: 'Succeeded',
    },
    {
      sentence: 'a deleted pod killed by SIGTERM is Failed',
      policy: 'Always',
      containers: [exited('a', 143)],
      terminal: true,
      phase: 'Failed',
    },
  ])('$sentence', ({ policy, init = [], containers, terminal = false, phase }) => {
    expect(podPhase(policy, init, containers, terminal)).toBe(phase);
  });
});

function pod(
  fields: Partial<V1Pod['spec']> = {},
  conditions: NonNullable<V1Pod['status']>['conditions'] = [],
): V1Pod {
  return {
    metadata: { name: 'p', namespace: 'ns', uid: 'u' },
    spec: { containers: [{ name: 'a', image: 'brickyard/runtime' }], ...fields },
    status: { phase: 'Pending', conditions },
  };
}

function input(fields: Partial<PodStatusInput>): PodStatusInput {
  return {
    pod: pod(),
    initContainers: [],
    containers: [running('a')],
    podIP: '127.32.0.1',
    hostIP: '127.0.0.1',
    startTime: T0,
    sandboxReady: true,
    terminal: false,
    now: T1,
    ...fields,
  };
}

const conditionOf = (status: ReturnType<typeof computePodStatus>, type: string) =>
  status.conditions.find((condition) => condition.type === type);

describe('computePodStatus', () => {
  it('reports a ready running pod like a kubelet', () => {
    const status = computePodStatus(input({}));
    expect(status).toMatchObject({
      phase: 'Running',
      podIP: '127.32.0.1',
      podIPs: [{ ip: '127.32.0.1' }],
      hostIP: '127.0.0.1',
      hostIPs: [{ ip: '127.0.0.1' }],
      startTime: T0,
      qosClass: 'BestEffort',
      containerStatuses: [
        {
          name: 'a',
          containerID: 'brickyard://100',
          started: true,
          ready: true,
          restartCount: 0,
          state: { running: { startedAt: T0 } },
          lastState: {},
        },
      ],
    });
    expect(status.conditions.map((condition) => [condition.type, condition.status])).toEqual([
      ['PodReadyToStartContainers', 'True'],
      ['Initialized', 'True'],
      ['Ready', 'True'],
      ['ContainersReady', 'True'],
      ['PodScheduled', 'True'],
    ]);
  });

  it('names the unready containers in Ready and ContainersReady', () => {
    const status = computePodStatus(input({ containers: [running('a', false), running('b')] }));
    expect(conditionOf(status, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [a]',
    });
    expect(conditionOf(status, 'ContainersReady')?.status).toBe('False');
  });

  it('reports a running container short of its startup probe as neither started nor ready', () => {
    const starting: ContainerRecord = { ...running('a'), started: false };
    const status = computePodStatus(input({ containers: [starting] }));
    expect(status.phase).toBe('Running');
    expect(status.containerStatuses[0]).toMatchObject({
      started: false,
      ready: false,
      state: { running: { startedAt: T0 } },
    });
    expect(conditionOf(status, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [a]',
    });
  });

  it('keeps the transition time of a condition whose status did not change', () => {
    const previous = pod({}, [
      { type: 'Ready', status: 'True', lastTransitionTime: new Date(T0) },
      { type: 'ContainersReady', status: 'False', lastTransitionTime: new Date(T0) },
    ]);
    const status = computePodStatus(input({ pod: previous }));
    expect(conditionOf(status, 'Ready')?.lastTransitionTime).toBe(T0);
    expect(conditionOf(status, 'ContainersReady')?.lastTransitionTime).toBe(T1);
  });

  it("keeps the scheduler's PodScheduled and conditions of other writers", () => {
    const previous = pod({}, [
      { type: 'PodScheduled', status: 'True', lastTransitionTime: '2025-12-31T23:59:59Z' as unknown as Date },
      { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI' },
    ]);
    const status = computePodStatus(input({ pod: previous }));
    expect(conditionOf(status, 'PodScheduled')?.lastTransitionTime).toBe('2025-12-31T23:59:59Z');
    expect(conditionOf(status, 'DisruptionTarget')?.reason).toBe('EvictionByEvictionAPI');
  });

  it('holds Ready back until every readiness gate is True', () => {
    const previous = pod({ readinessGates: [{ conditionType: 'example.com/lb' }] });
    const status = computePodStatus(input({ pod: previous }));
    expect(conditionOf(status, 'ContainersReady')?.status).toBe('True');
    expect(conditionOf(status, 'Ready')).toMatchObject({ status: 'False', reason: 'ReadinessGatesNotReady' });
  });

  it('marks a completed pod not ready with reason PodCompleted', () => {
    const status = computePodStatus(
      input({ pod: pod({ restartPolicy: 'Never' }), containers: [exited('a', 0)] }),
    );
    expect(status.phase).toBe('Succeeded');
    expect(conditionOf(status, 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(status.containerStatuses[0]).toMatchObject({
      started: false,
      ready: false,
      state: { terminated: { exitCode: 0, reason: 'Completed' } },
    });
  });

  it('reports a restarting container with its last termination', () => {
    const status = computePodStatus(input({ containers: [backingOff('a', 137)] }));
    expect(status.containerStatuses[0]).toMatchObject({
      restartCount: 1,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 137 } },
    });
    expect(status.containerStatuses[0]?.containerID).toBeUndefined();
  });

  it('lists init containers and holds Initialized until they succeed', () => {
    const status = computePodStatus(
      input({
        pod: pod({ initContainers: [{ name: 'init', image: 'x' }] }),
        initContainers: [running('init', false)],
        containers: [waiting('a', 'PodInitializing')],
      }),
    );
    expect(status.phase).toBe('Pending');
    expect(status.initContainerStatuses?.map((entry) => entry.name)).toEqual(['init']);
    expect(conditionOf(status, 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [init]',
    });
  });

  it('leaves the pod address out until it has one', () => {
    const status = computePodStatus(
      input({ podIP: undefined, sandboxReady: false, containers: [waiting('a')] }),
    );
    expect(status.podIP).toBeUndefined();
    expect(status.podIPs).toBeUndefined();
    expect(conditionOf(status, 'PodReadyToStartContainers')?.status).toBe('False');
  });
});
