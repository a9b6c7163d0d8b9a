import { resourceSpecProblems } from '@brickyard/common/cluster-spec';
import type { ClusterResource } from '@brickyard/common/crd';
import { ClusterAnnotations } from '@brickyard/common/vocabulary';
import { decideAutoscale, type ResizeCause } from './autoscale.js';
import { inactivityDeadline, latestActivity, shouldAutoTerminate } from './autotermination.js';
import { isOff, isUp, restartGenerationOf, type TerminationReason } from './cluster-type.js';
import type { Demand } from './demand.js';
import { invalidClusterId } from './naming.js';
import type { ObservedPod } from './observed-pod.js';
import type { ClusterSettings } from './settings.js';

/**
 * What a cluster should be now, decided from its spec, its previous status, its pods and its
 * demand (no I/O): the first half of a reconcile; pod-plan.ts turns it into actions and
 * status.ts into the status.
 *
 * - invalid: the spec cannot be run (unknown node type, unusable name): no pods, ERROR.
 * - off: desiredState TERMINATED, a job cluster whose run is over (for good), or terminated for
 *   inactivity and not started since. Starting an auto-terminated cluster means raising
 *   spec.restartGeneration above the status.observedRestartGeneration it was terminated at (what
 *   clusters/start does).
 * - restarting: pods of another restart generation exist; they all go before new ones come.
 * - up: the driver and targetWorkers workers of the current restart generation.
 */
type ClusterMode =
  | { kind: 'invalid'; message: string }
  | { kind: 'off'; reason: TerminationReason }
  | { kind: 'restarting' }
  | { kind: 'up' };

/** What the operator remembers of a cluster between reconciles (lost on restart, which is safe). */
export interface ClusterMemory {
  /** The last time demand needed the cluster's whole size (autoscale scale-down timer). */
  lastBusyMs?: number;
  /** The exact time of the latest activity (status.lastActivityTime is coarser). */
  lastActivityMs?: number;
}

export interface ClusterDecision {
  mode: ClusterMode;
  targetWorkers: number;
  /** Ready workers the cluster needs to be RUNNING: minWorkers when autoscaled, else all. */
  requiredWorkers: number;
  /** Set when targetWorkers differs from status.desiredWorkers of a cluster that is up. */
  resizeCause?: ResizeCause;
  observedRestartGeneration: number;
  lastActivityMs?: number;
  /** When an idle cluster will be terminated, if autotermination is on and it is up. */
  inactivityDeadlineMs?: number;
  memory: ClusterMemory;
}

export interface DecisionInput {
  cluster: ClusterResource;
  pods: readonly ObservedPod[];
  /** Undefined when not read or unknown. */
  demand: Demand | undefined;
  memory: ClusterMemory | undefined;
  settings: Pick<ClusterSettings, 'scaleDownIdleMs' | 'tasksPerWorker' | 'minuteMs'>;
  now: number;
}

export const TerminationCodes = {
  userRequest: 'USER_REQUEST',
  inactivity: 'INACTIVITY',
  jobFinished: 'JOB_FINISHED',
  insufficientCapacity: 'AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE',
} as const;

/** Terminations the platform decides: the cluster stays off until clusters/start raises its generation. */
const PLATFORM_TERMINATIONS: ReadonlySet<string> = new Set([
  TerminationCodes.inactivity,
  TerminationCodes.insufficientCapacity,
]);

const USER_REQUEST: TerminationReason = { code: TerminationCodes.userRequest, type: 'SUCCESS' };
/** What Databricks reports of a job cluster its run is done with (TerminationReasonCode, type SUCCESS). */
const JOB_FINISHED: TerminationReason = { code: TerminationCodes.jobFinished, type: 'SUCCESS' };

/** Databricks' CLOUD_FAILURE when EC2 has no capacity for an instance type; the message says why. */
function insufficientCapacityReason(message: string): TerminationReason {
  return {
    code: TerminationCodes.insufficientCapacity,
    type: 'CLOUD_FAILURE',
    parameters: { aws_api_error_code: 'InsufficientInstanceCapacity', aws_error_message: message },
  };
}

function inactivityReason(minutes: number): TerminationReason {
  return {
    code: TerminationCodes.inactivity,
    type: 'SUCCESS',
    parameters: { inactivity_duration_min: String(minutes) },
  };
}

/**
 * Why the spec cannot be run, beyond what the CRD schema checks; undefined if it can. The
 * cluster-spec module's validation (the one the API and the scheduler make, and whose rules the
 * CRD enforces too), plus whether the cluster's name can name its pods.
 */
export function validateCluster(cluster: ClusterResource): string | undefined {
  return invalidClusterId(cluster.metadata.name ?? '') ?? resourceSpecProblems(cluster.spec)[0];
}

const latest = (...times: (number | undefined)[]): number | undefined => {
  const known = times.filter((time): time is number => time !== undefined);
  return known.length === 0 ? undefined : Math.max(...known);
};

/**
 * A job cluster (spec.clusterSource JOB) whose run is over: the scheduler marks it so. It is
 * terminated for good (clusters/start refuses job clusters) and removed after the retention period.
 */
export function isFinishedJobCluster(cluster: ClusterResource): boolean {
  return (
    cluster.spec.clusterSource === 'JOB' &&
    cluster.metadata.annotations?.[ClusterAnnotations.runFinished] !== undefined
  );
}

/**
 * Why a cluster that is to be off is off: the reason it already went off with (a job cluster a
 * user terminated during its run stays USER_REQUEST), else JOB_FINISHED for a finished job
 * cluster, else the user's request (desiredState TERMINATED).
 */
export function offReason(input: {
  /** The termination reason of a cluster that is already going or gone. */
  previous: TerminationReason | undefined;
  jobFinished: boolean;
}): TerminationReason {
  if (input.previous) return input.previous;
  return input.jobFinished ? JOB_FINISHED : USER_REQUEST;
}

export function decideCluster(input: DecisionInput): ClusterDecision {
  const { cluster, pods, demand, settings, now } = input;
  const { spec } = cluster;
  const previous = cluster.status ?? {};
  const memory = input.memory ?? {};
  const generation = restartGenerationOf(cluster);
  const observedBefore = previous.observedRestartGeneration;
  const keepGeneration = observedBefore ?? generation;

  const jobFinished = isFinishedJobCluster(cluster);
  const invalid = validateCluster(cluster);
  // A finished job cluster is off whatever its spec: it never runs again.
  if (invalid && !jobFinished) {
    return {
      mode: { kind: 'invalid', message: invalid },
      targetWorkers: 0,
      requiredWorkers: 0,
      observedRestartGeneration: keepGeneration,
      memory,
    };
  }

  const wasOff = isOff(previous.state);
  const terminatedByPlatform =
    wasOff &&
    PLATFORM_TERMINATIONS.has(previous.terminationReason?.code ?? '') &&
    generation <= (observedBefore ?? 0);
  if (jobFinished || spec.desiredState === 'TERMINATED' || terminatedByPlatform) {
    return off(
      offReason({ previous: wasOff ? previous.terminationReason : undefined, jobFinished }),
      keepGeneration,
      memory,
    );
  }

  const starting = wasOff || previous.state === undefined;
  const stale = pods.filter((pod) => pod.restartGeneration !== generation);
  const previousTarget = starting ? undefined : previous.desiredWorkers;
  const { targetWorkers, requiredWorkers, resizeCause, lastBusyMs } = decideSize(input, previousTarget);

  const lastActivityMs = latestActivity(
    latest(memory.lastActivityMs, previous.lastActivityTime),
    demand,
    now,
  );
  const nextMemory: ClusterMemory = {
    ...(lastBusyMs !== undefined ? { lastBusyMs } : {}),
    ...(lastActivityMs !== undefined ? { lastActivityMs } : {}),
  };
  const idleSinceMs = starting
    ? now
    : (latest(previous.startTime, previous.lastRestartedTime, lastActivityMs) ?? now);
  const autotermination = {
    autoterminationMinutes: spec.autoterminationMinutes,
    minuteMs: settings.minuteMs,
    demand,
    idleSinceMs,
    now,
  };
  const up = isUp(previous.state) && stale.length === 0;
  if (up && shouldAutoTerminate(autotermination)) {
    return off(inactivityReason(spec.autoterminationMinutes ?? 0), keepGeneration, nextMemory);
  }
  // A cluster that cannot get its instances fails its start, as on EC2; one that is up keeps
  // running with the pods it has while the missing ones wait for memory.
  const shortage = isUp(previous.state)
    ? undefined
    : pods.find((pod) => pod.insufficientCapacity)?.insufficientCapacity;
  if (shortage && stale.length === 0) {
    return off(insufficientCapacityReason(shortage), generation, nextMemory);
  }
  const deadline = up ? inactivityDeadline(autotermination) : undefined;
  const restarting = stale.length > 0;
  return {
    mode: restarting ? { kind: 'restarting' } : { kind: 'up' },
    targetWorkers,
    requiredWorkers,
    ...(resizeCause ? { resizeCause } : {}),
    observedRestartGeneration: restarting
      ? (observedBefore ?? Math.min(...stale.map((pod) => pod.restartGeneration)))
      : generation,
    ...(lastActivityMs !== undefined ? { lastActivityMs } : {}),
    ...(deadline !== undefined ? { inactivityDeadlineMs: deadline } : {}),
    memory: nextMemory,
  };
}

/** One more than the highest index of a worker whose pod IP is among Spark's busy executor hosts. */
export function busyWorkers(pods: readonly ObservedPod[], busyHosts: readonly string[]): number {
  let count = 0;
  for (const pod of pods) {
    if (pod.slot?.role === 'worker' && pod.podIP && busyHosts.includes(pod.podIP))
      count = Math.max(count, pod.slot.index + 1);
  }
  return count;
}

/**
 * How many workers the cluster should have (autoscaled from demand, else numWorkers), how many
 * must be ready for it to run, and why its size changed from previousTarget, if it did.
 */
function decideSize(
  { cluster: { spec }, demand, pods, memory, settings, now }: DecisionInput,
  previousTarget: number | undefined,
): Pick<ClusterDecision, 'targetWorkers' | 'requiredWorkers' | 'resizeCause'> & { lastBusyMs?: number } {
  let targetWorkers: number;
  let requiredWorkers: number;
  let resizeCause: ResizeCause | undefined;
  let lastBusyMs: number | undefined;
  if (spec.autoscale) {
    const scaled = decideAutoscale({
      ...spec.autoscale,
      previousTarget,
      demand,
      lastBusyMs: memory?.lastBusyMs,
      now,
      scaleDownIdleMs: settings.scaleDownIdleMs,
      tasksPerWorker: settings.tasksPerWorker,
      busyWorkers: busyWorkers(pods, demand?.spark?.busyHosts ?? []),
    });
    targetWorkers = scaled.target;
    requiredWorkers = Math.min(spec.autoscale.minWorkers, targetWorkers);
    resizeCause = scaled.cause;
    lastBusyMs = scaled.lastBusyMs;
  } else {
    targetWorkers = spec.numWorkers ?? 0;
    requiredWorkers = targetWorkers;
  }
  if (previousTarget === undefined || previousTarget === targetWorkers) resizeCause = undefined;
  else resizeCause ??= 'USER_REQUEST';
  return {
    targetWorkers,
    requiredWorkers,
    ...(resizeCause ? { resizeCause } : {}),
    ...(lastBusyMs !== undefined ? { lastBusyMs } : {}),
  };
}

function off(
  reason: TerminationReason,
  observedRestartGeneration: number,
  memory: ClusterMemory,
): ClusterDecision {
  return {
    mode: { kind: 'off', reason },
    targetWorkers: 0,
    requiredWorkers: 0,
    observedRestartGeneration,
    memory,
  };
}
