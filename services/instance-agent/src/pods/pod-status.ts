import { asKubeTime } from '@brickyard/common/kube';
import type { V1Pod } from '@kubernetes/client-node';
import { qosClass } from './qos-class.js';
import { type RestartPolicy, restartPolicyOf } from './restart-policy.js';

/** JSON shapes of the pod status as the agent writes it (timestamps as metav1.Time strings). */
export interface TerminatedBody {
  exitCode: number;
  signal?: number;
  reason: string;
  message?: string;
  startedAt: string;
  finishedAt: string;
  containerID?: string;
}

export interface ContainerStateBody {
  waiting?: { reason: string; message?: string };
  running?: { startedAt: string };
  terminated?: TerminatedBody;
}

export interface ContainerStatusBody {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  started: boolean;
  ready: boolean;
  restartCount: number;
  state: ContainerStateBody;
  lastState: ContainerStateBody;
}

export interface ConditionBody {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastProbeTime?: string | null;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

export interface PodStatusBody {
  phase: PodPhase;
  conditions: ConditionBody[];
  containerStatuses: ContainerStatusBody[];
  initContainerStatuses?: ContainerStatusBody[];
  podIP?: string;
  podIPs?: { ip: string }[];
  hostIP: string;
  hostIPs: { ip: string }[];
  startTime: string;
  qosClass: string;
}

/** What the agent knows about one container: the input of the status computation. */
export type ContainerState =
  | { kind: 'waiting'; reason: string; message?: string }
  | { kind: 'running'; startedAt: string; containerID: string }
  | { kind: 'terminated'; terminated: TerminatedBody };

export interface ContainerRecord {
  name: string;
  image: string;
  imageID: string;
  restartCount: number;
  state: ContainerState;
  lastTerminated?: TerminatedBody;
  /** Running and, if it has a startup probe, past it (the kubelet's `started`). */
  started: boolean;
  /** Started and, if it has a readiness probe, passing it. */
  ready: boolean;
}

export interface PodStatusInput {
  pod: V1Pod;
  initContainers: readonly ContainerRecord[];
  containers: readonly ContainerRecord[];
  podIP: string | undefined;
  hostIP: string;
  startTime: string;
  /** The pod has its address and may start containers (the kubelet's sandbox is ready). */
  sandboxReady: boolean;
  /** The pod is being deleted and none of its processes runs any more. */
  terminal: boolean;
  /** metav1.Time of now, the transition time of conditions that change. */
  now: string;
}

export const ConditionTypes = {
  readyToStartContainers: 'PodReadyToStartContainers',
  initialized: 'Initialized',
  ready: 'Ready',
  containersReady: 'ContainersReady',
  scheduled: 'PodScheduled',
} as const;

const OWNED_CONDITIONS = new Set<string>(Object.values(ConditionTypes));

/**
 * The pod phase by the kubelet's rules: Pending until init containers succeeded and every
 * container started once; Running while any runs or will be restarted; Succeeded when all exited
 * 0 and none restarts; Failed when one failed and none restarts. A terminal (deleted) pod is
 * Succeeded if every container exited 0, Failed otherwise.
 */
export function podPhase(
  policy: RestartPolicy,
  initContainers: readonly ContainerRecord[],
  containers: readonly ContainerRecord[],
  terminal: boolean,
): PodPhase {
  const exitedZero = (record: ContainerRecord): boolean =>
    record.state.kind === 'terminated' && record.state.terminated.exitCode === 0;
  const initFailed = initContainers.some(
    (record) => record.state.kind === 'terminated' && record.state.terminated.exitCode !== 0,
  );
  if (initFailed && (policy === 'Never' || terminal)) return 'Failed';
  if (!initContainers.every(exitedZero)) return terminal ? 'Failed' : 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const record of containers) {
    const { state } = record;
    if (state.kind === 'running') running++;
    else if (state.kind === 'terminated') {
      stopped++;
      if (state.terminated.exitCode === 0) succeeded++;
    } else if (record.lastTerminated) {
      stopped++;
      if (record.lastTerminated.exitCode === 0) succeeded++;
    } else waiting++;
  }
  if (terminal) return running === 0 && waiting === 0 && stopped === succeeded ? 'Succeeded' : 'Failed';
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** The status the agent writes: phase, conditions, container statuses, addresses, QoS. */
export function computePodStatus(input: PodStatusInput): PodStatusBody {
  const { pod, initContainers, containers, podIP, hostIP, terminal, now } = input;
  const policy = restartPolicyOf(pod.spec?.restartPolicy);
  const phase = podPhase(policy, initContainers, containers, terminal);
  const existing = existingConditions(pod);
  const condition = conditionFactory(existing, now);
  const { initialized, containersReady, ready } = readinessConditions(input, phase, existing, condition);
  const sandbox = condition(ConditionTypes.readyToStartContainers, input.sandboxReady ? 'True' : 'False');
  const scheduled =
    existing.find((candidate) => candidate.type === ConditionTypes.scheduled) ??
    condition(ConditionTypes.scheduled, 'True');
  const others = existing.filter((candidate) => !OWNED_CONDITIONS.has(candidate.type));

  const status: PodStatusBody = {
    phase,
    conditions: [sandbox, initialized, ready, containersReady, scheduled, ...others],
    containerStatuses: containers.map(containerStatus),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    startTime: input.startTime,
    qosClass: qosClass({
      containers: pod.spec?.containers ?? [],
      initContainers: pod.spec?.initContainers ?? [],
    }),
  };
  if (initContainers.length > 0) status.initContainerStatuses = initContainers.map(containerStatus);
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  return status;
}

type Condition = (
  type: string,
  status: ConditionBody['status'],
  reason?: string,
  message?: string,
) => ConditionBody;

/** Conditions as of `now`; one whose status did not change keeps its lastTransitionTime. */
function conditionFactory(existing: readonly ConditionBody[], now: string): Condition {
  return (type, status, reason, message) => {
    const previous = existing.find((candidate) => candidate.type === type);
    const lastTransitionTime =
      previous?.status === status && previous.lastTransitionTime ? previous.lastTransitionTime : now;
    return {
      type,
      status,
      ...(reason === undefined ? {} : { reason }),
      ...(message === undefined ? {} : { message }),
      lastTransitionTime,
    };
  };
}

/**
 * Initialized (every init container succeeded), ContainersReady (every container ready, and never
 * once the pod succeeded) and Ready (ContainersReady, and every readiness gate True), with the
 * kubelet's reasons and messages.
 */
function readinessConditions(
  { pod, initContainers, containers }: PodStatusInput,
  phase: PodPhase,
  existing: readonly ConditionBody[],
  condition: Condition,
): { initialized: ConditionBody; containersReady: ConditionBody; ready: ConditionBody } {
  const incompleteInit = initContainers
    .filter((record) => !(record.state.kind === 'terminated' && record.state.terminated.exitCode === 0))
    .map((record) => record.name);
  const initialized =
    incompleteInit.length === 0
      ? condition(ConditionTypes.initialized, 'True')
      : condition(
          ConditionTypes.initialized,
          'False',
          'ContainersNotInitialized',
          `containers with incomplete status: [${incompleteInit.join(' ')}]`,
        );

  const unready = containers.filter((record) => !isReady(record)).map((record) => record.name);
  let containersReady: ConditionBody;
  if (phase === 'Succeeded') {
    containersReady = condition(ConditionTypes.containersReady, 'False', 'PodCompleted');
  } else if (unready.length > 0) {
    containersReady = condition(
      ConditionTypes.containersReady,
      'False',
      'ContainersNotReady',
      `containers with unready status: [${unready.join(' ')}]`,
    );
  } else {
    containersReady = condition(ConditionTypes.containersReady, 'True');
  }

  const gateProblems = (pod.spec?.readinessGates ?? []).flatMap(({ conditionType }) => {
    const gate = existing.find((candidate) => candidate.type === conditionType);
    if (!gate) return [`corresponding condition of pod readiness gate "${conditionType}" does not exist.`];
    if (gate.status !== 'True') {
      return [`the status of pod readiness gate "${conditionType}" is not "True", but ${gate.status}`];
    }
    return [];
  });
  let ready: ConditionBody;
  if (containersReady.status !== 'True') {
    ready = condition(ConditionTypes.ready, 'False', containersReady.reason, containersReady.message);
  } else if (gateProblems.length > 0) {
    ready = condition(ConditionTypes.ready, 'False', 'ReadinessGatesNotReady', gateProblems.join(', '));
  } else {
    ready = condition(ConditionTypes.ready, 'True');
  }
  return { initialized, containersReady, ready };
}

/** Running, started and ready: a container is never ready before it started, as with the kubelet. */
function isReady(record: ContainerRecord): boolean {
  return record.state.kind === 'running' && record.started && record.ready;
}

export function containerStatus(record: ContainerRecord): ContainerStatusBody {
  const { state } = record;
  const body: ContainerStatusBody = {
    name: record.name,
    image: record.image,
    imageID: record.imageID,
    started: state.kind === 'running' && record.started,
    ready: isReady(record),
    restartCount: record.restartCount,
    state: {},
    lastState: record.lastTerminated ? { terminated: record.lastTerminated } : {},
  };
  if (state.kind === 'running') {
    body.containerID = state.containerID;
    body.state = { running: { startedAt: state.startedAt } };
  } else if (state.kind === 'terminated') {
    if (state.terminated.containerID) body.containerID = state.terminated.containerID;
    body.state = { terminated: state.terminated };
  } else {
    body.state = {
      waiting: { reason: state.reason, ...(state.message === undefined ? {} : { message: state.message }) },
    };
  }
  return body;
}

/** The pod's current conditions with their times as metav1.Time strings. */
function existingConditions(pod: V1Pod): ConditionBody[] {
  return (pod.status?.conditions ?? []).map((condition) => {
    const body: ConditionBody = { type: condition.type, status: condition.status as ConditionBody['status'] };
    if (condition.reason) body.reason = condition.reason;
    if (condition.message) body.message = condition.message;
    const transition = asKubeTime(condition.lastTransitionTime);
    if (transition) body.lastTransitionTime = transition;
    const probe = asKubeTime(condition.lastProbeTime);
    if (probe) body.lastProbeTime = probe;
    return body;
  });
}
