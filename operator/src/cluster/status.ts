import { findNodeType } from '@brickyard/common/catalog';
import { accrue, sqlUsageRate, usageRate, workloadOf } from '@brickyard/common/cost';
import type { ClusterResource } from '@brickyard/common/crd';
import { type Condition, type ConditionUpdate, mergeConditions } from '@brickyard/common/kube';
import { ClusterRoles, ConditionReasons, ConditionTypes } from '@brickyard/common/vocabulary';
import { sqlBillingOf } from '../warehouse/billing.js';
import { type EventContext, transitionEvents } from './cluster-events.js';
import {
  type ClusterEvent,
  type ClusterState,
  type ClusterStatus,
  isOff,
  isUp,
  restartGenerationOf,
  type SparkNode,
  type TerminationReason,
} from './cluster-type.js';
import { type ClusterDecision, TerminationCodes } from './lifecycle.js';
import { isLive, type ObservedPod } from './observed-pod.js';
import type { ClusterSettings } from './settings.js';

/** status.events keeps the most recent this many (clusters/events pages through them). */
export const MAX_EVENTS = 200;

export interface StatusInput {
  cluster: ClusterResource;
  decision: ClusterDecision;
  /** The cluster's pods after this reconcile's actions. */
  pods: readonly ObservedPod[];
  settings: Pick<ClusterSettings, 'unschedulableTimeoutMs' | 'minuteMs'>;
  /** A step of this reconcile that failed (creating a pod, say), for the message. */
  failure?: string;
  now: number;
}

export interface StatusResult {
  status: ClusterStatus;
  /** The cluster events this status adds (also at the end of status.events). */
  events: ClusterEvent[];
  /** When the status would change with nothing else changing (an unschedulable pod's timeout). */
  wakeAtMs?: number;
}

/** The cluster's pods as this status sees them: the current generation's, by slot. */
interface Members {
  driver: ObservedPod | undefined;
  /** Workers of the current generation that are not going away, by index. */
  workers: ObservedPod[];
  readyWorkers: number;
  driverReady: boolean;
  /** The first pod of the target size that has a problem, for the message. */
  troubled: ObservedPod | undefined;
  /** A pod the cluster needs to be RUNNING that has been unschedulable for too long. */
  stuck: ObservedPod | undefined;
  wakeAtMs: number | undefined;
}

function members(input: StatusInput): Members {
  const { cluster, decision, pods, settings, now } = input;
  const generation = restartGenerationOf(cluster);
  const current = pods.filter((pod) => isLive(pod) && pod.slot && pod.restartGeneration === generation);
  const driver = current.find((pod) => pod.slot?.role === ClusterRoles.driver);
  const workers = current
    .filter((pod) => pod.slot?.role === ClusterRoles.worker)
    .sort((a, b) => (a.slot?.index ?? 0) - (b.slot?.index ?? 0));
  const inTarget = workers.filter((pod) => (pod.slot?.index ?? 0) < decision.targetWorkers);
  const wanted = [...(driver ? [driver] : []), ...inTarget];
  const required = wanted.filter(
    (pod) => pod.slot?.role === ClusterRoles.driver || (pod.slot?.index ?? 0) < decision.requiredWorkers,
  );
  const deadlines = required
    .filter((pod) => pod.unschedulableSinceMs !== undefined)
    .map((pod) => ({ pod, at: (pod.unschedulableSinceMs ?? 0) + settings.unschedulableTimeoutMs }));
  return {
    driver,
    workers,
    readyWorkers: inTarget.filter((pod) => pod.ready).length,
    driverReady: driver?.ready === true,
    troubled: wanted.find((pod) => pod.problem !== undefined),
    stuck: deadlines.find(({ at }) => at <= now)?.pod,
    wakeAtMs: deadlines
      .map(({ at }) => at)
      .filter((at) => at > now)
      .reduce<number | undefined>(
        (soonest, at) => (soonest === undefined ? at : Math.min(soonest, at)),
        undefined,
      ),
  };
}

function stateOf(input: StatusInput, seen: Members): ClusterState {
  const { decision, pods } = input;
  const previous = input.cluster.status?.state;
  switch (decision.mode.kind) {
    case 'invalid':
      return 'ERROR';
    case 'off':
      return pods.length > 0 ? 'TERMINATING' : 'TERMINATED';
    case 'restarting':
      return previous === undefined || isOff(previous) ? 'PENDING' : 'RESTARTING';
    case 'up': {
      if (seen.driverReady && seen.readyWorkers >= decision.requiredWorkers) {
        return seen.readyWorkers >= decision.targetWorkers ? 'RUNNING' : 'RESIZING';
      }
      if (isUp(previous)) return 'RESIZING';
      if (seen.stuck) return 'ERROR';
      return previous === 'RESTARTING' ? 'RESTARTING' : 'PENDING';
    }
  }
}

function terminatedMessage(reason: TerminationReason): string {
  if (reason.code === TerminationCodes.inactivity) {
    const minutes = reason.parameters?.inactivity_duration_min ?? '?';
    return `Inactive cluster terminated (inactive for ${minutes} minutes).`;
  }
  // Databricks leaves state_message empty on a job cluster its run is done with: the
  // termination_reason says it.
  if (reason.code === TerminationCodes.jobFinished) return '';
  if (reason.code === TerminationCodes.insufficientCapacity) {
    return reason.parameters?.aws_error_message ?? 'Insufficient instance capacity.';
  }
  return 'Terminated by user request.';
}

const readyPods = (seen: Members): number => seen.readyWorkers + (seen.driverReady ? 1 : 0);

function messageOf(input: StatusInput, state: ClusterState, seen: Members): string | undefined {
  const { decision, failure, pods } = input;
  const target = decision.targetWorkers;
  const problem = seen.troubled && `Pod ${seen.troubled.name}: ${seen.troubled.problem}`;
  const workers = `${target} worker${target === 1 ? '' : 's'}`;
  switch (state) {
    case 'ERROR':
      if (decision.mode.kind === 'invalid') return decision.mode.message;
      return `Pod ${seen.stuck?.name} could not be scheduled: ${seen.stuck?.problem}`;
    case 'TERMINATING':
      return `Terminating: stopping ${pods.length} pod${pods.length === 1 ? '' : 's'}`;
    case 'TERMINATED':
      return decision.mode.kind === 'off' ? terminatedMessage(decision.mode.reason) : undefined;
    case 'RESTARTING':
      if (decision.mode.kind === 'restarting') return failure ?? 'Restarting: stopping the old pods';
      return failure ?? problem ?? `Restarting: starting the driver and ${workers}`;
    case 'PENDING':
      if (decision.mode.kind === 'restarting') return failure ?? 'Waiting for the old pods to stop';
      return (
        failure ??
        problem ??
        `Starting the driver and ${workers} (${readyPods(seen)} of ${target + 1} pods ready)`
      );
    case 'RESIZING':
      return failure ?? problem ?? `Resizing to ${workers} (${seen.readyWorkers} ready)`;
    default:
      return failure;
  }
}

function sparkNode(pod: ObservedPod): SparkNode {
  return {
    nodeId: pod.name,
    instanceId: pod.uid,
    ...(pod.podIP ? { privateIp: pod.podIP } : {}),
    ...(pod.hostIP ? { hostPrivateIp: pod.hostIP } : {}),
    ...(pod.startMs !== undefined ? { startTimestamp: pod.startMs } : {}),
  };
}

function podConditions(state: ClusterState, input: StatusInput, seen: Members): ConditionUpdate[] {
  const { decision } = input;
  if (decision.mode.kind === 'invalid' || decision.mode.kind === 'off') {
    const reason =
      decision.mode.kind === 'invalid' ? ConditionReasons.invalidSpec : ConditionReasons.terminated;
    return [
      { type: ConditionTypes.driverReady, status: 'False', reason, message: 'The cluster has no pods' },
      { type: ConditionTypes.workersReady, status: 'False', reason, message: 'The cluster has no pods' },
    ];
  }
  const unschedulable = (pod: ObservedPod | undefined) => pod?.unschedulableSinceMs !== undefined;
  const driver: ConditionUpdate = seen.driverReady
    ? { type: ConditionTypes.driverReady, status: 'True', reason: ConditionReasons.podsReady }
    : {
        type: ConditionTypes.driverReady,
        status: 'False',
        reason: unschedulable(seen.driver)
          ? ConditionReasons.podsUnschedulable
          : ConditionReasons.podsStarting,
        ...(seen.driver?.problem ? { message: seen.driver.problem } : {}),
      };
  const target = decision.targetWorkers;
  const message = `${seen.readyWorkers} of ${target} workers ready`;
  const workersDone = seen.readyWorkers >= target && state !== 'RESTARTING';
  const workers: ConditionUpdate = workersDone
    ? { type: ConditionTypes.workersReady, status: 'True', reason: ConditionReasons.podsReady, message }
    : {
        type: ConditionTypes.workersReady,
        status: 'False',
        reason: seen.workers.some(unschedulable)
          ? ConditionReasons.podsUnschedulable
          : ConditionReasons.podsStarting,
        message,
      };
  return [driver, workers];
}

const READY_REASONS: Record<ClusterState, string> = {
  PENDING: ConditionReasons.provisioning,
  RUNNING: ConditionReasons.running,
  RESIZING: ConditionReasons.resizing,
  RESTARTING: ConditionReasons.restarting,
  TERMINATING: ConditionReasons.terminating,
  TERMINATED: ConditionReasons.terminated,
  ERROR: ConditionReasons.failed,
  UNKNOWN: ConditionReasons.provisioning,
};

function readyCondition(
  state: ClusterState,
  input: StatusInput,
  message: string | undefined,
): ConditionUpdate {
  const reason = input.decision.mode.kind === 'invalid' ? ConditionReasons.invalidSpec : READY_REASONS[state];
  return {
    type: ConditionTypes.ready,
    status: isUp(state) ? 'True' : 'False',
    reason,
    ...(message ? { message } : {}),
  };
}

/** A stable order (Ready first), so equal conditions compare equal. */
function orderConditions(conditions: Condition[]): Condition[] {
  const order: string[] = [ConditionTypes.ready, ConditionTypes.driverReady, ConditionTypes.workersReady];
  const rank = (type: string): number => (order.includes(type) ? order.indexOf(type) : order.length);
  return [...conditions].sort((a, b) => rank(a.type) - rank(b.type));
}

/** lastActivityTime moves in steps of one "minute", so polling does not rewrite the status. */
function coarseActivity(
  exact: number | undefined,
  recorded: number | undefined,
  resolutionMs: number,
): number | undefined {
  if (exact === undefined) return recorded;
  if (recorded === undefined || exact - recorded >= resolutionMs) return exact;
  return recorded;
}

/**
 * The status a cluster should have, from the decision and what was observed: the state machine
 * (see stateOf), the cluster events of the transitions it makes, the timestamps they set, the
 * driver and executors, sizes and conditions. The same inputs give the same status (nothing here
 * reads the clock), so a steady cluster is never rewritten.
 */
export function computeClusterStatus(input: StatusInput): StatusResult {
  const { cluster, decision, settings, now } = input;
  const previous = cluster.status ?? {};
  const seen = members(input);
  const state = stateOf(input, seen);
  const message = messageOf(input, state, seen);
  const off = isOff(state);
  const starting = !off && state !== 'ERROR' && (previous.state === undefined || isOff(previous.state));

  const nodes = [...(seen.driver?.podIP ? [seen.driver] : []), ...seen.workers.filter((pod) => pod.podIP)];
  const sizes = nodes.map((pod) => findNodeType(pod.nodeTypeId ?? ''));
  const context: EventContext = {
    clusterId: cluster.metadata.name ?? '',
    now,
    previous,
    state,
    decision,
    readyWorkers: seen.readyWorkers,
    driverReady: seen.driverReady,
    livePodUids: new Set(input.pods.filter(isLive).map((pod) => pod.uid)),
    creator: cluster.spec.creatorUserName,
  };
  const events = transitionEvents(context);

  const startTime = starting ? now : previous.startTime;
  const terminatedTime =
    state === 'TERMINATED' ? (previous.state === 'TERMINATED' ? previous.terminatedTime : now) : undefined;
  const lastRestartedTime = previous.state === 'RESTARTING' && isUp(state) ? now : previous.lastRestartedTime;
  const lastActivityTime = starting
    ? now
    : off
      ? previous.lastActivityTime
      : coarseActivity(decision.lastActivityMs, previous.lastActivityTime, settings.minuteMs);
  const conditions = mergeConditions(
    previous.conditions as Condition[] | undefined,
    [readyCondition(state, input, message), ...podConditions(state, input, seen)],
    new Date(now),
  );
  const generation = cluster.metadata.generation;
  // Every instance that runs is billed, whatever its generation or whether it is going away; a
  // warehouse's compute at its warehouse's SQL rate.
  const sql = sqlBillingOf(cluster);
  const workload = sql?.workload ?? workloadOf(cluster.spec.clusterSource);
  const running = input.pods.filter((pod) => pod.phase === 'Running').map((pod) => pod.nodeTypeId);
  const rate = sql ? sqlUsageRate(running, sql) : usageRate(running, workload);
  const usage = accrue(previous.usage, rate, workload, now);
  const status: ClusterStatus = {
    state,
    ...(message !== undefined ? { stateMessage: message } : {}),
    ...(startTime !== undefined ? { startTime } : {}),
    ...(terminatedTime !== undefined ? { terminatedTime } : {}),
    ...(lastRestartedTime !== undefined ? { lastRestartedTime } : {}),
    ...(lastActivityTime !== undefined ? { lastActivityTime } : {}),
    ...(decision.mode.kind === 'off' ? { terminationReason: decision.mode.reason } : {}),
    ...(seen.driver?.podIP ? { driver: sparkNode(seen.driver) } : {}),
    executors: seen.workers.filter((pod) => pod.podIP).map(sparkNode),
    desiredWorkers: decision.targetWorkers,
    readyWorkers: seen.readyWorkers,
    clusterCores: sizes.reduce((sum, type) => sum + (type?.num_cores ?? 0), 0),
    clusterMemoryMb: sizes.reduce((sum, type) => sum + (type?.memory_mb ?? 0), 0),
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
    observedRestartGeneration: decision.observedRestartGeneration,
    events: [...(previous.events ?? []), ...events].slice(-MAX_EVENTS),
    conditions: orderConditions(conditions),
    usage,
  };
  return {
    status,
    events,
    ...(seen.wakeAtMs !== undefined && !isUp(state) ? { wakeAtMs: seen.wakeAtMs } : {}),
  };
}
