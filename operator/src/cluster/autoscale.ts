import type { Demand } from './demand.js';

/** Why a cluster's worker target changed: the Databricks RESIZING event's `cause`. */
export type ResizeCause = 'AUTOSCALE' | 'USER_REQUEST';

export interface AutoscaleInput {
  minWorkers: number;
  maxWorkers: number;
  /** The target decided last time; undefined when the cluster is starting. */
  previousTarget: number | undefined;
  /** Undefined when it could not be read: then nothing changes but the bounds. */
  demand: Demand | undefined;
  /** The last time demand needed at least the previous target; undefined if not known. */
  lastBusyMs: number | undefined;
  now: number;
  /** How long demand must stay below the target before workers are removed. */
  scaleDownIdleMs: number;
  /** Outstanding tasks one worker takes. */
  tasksPerWorker: number;
  /** Workers 0 .. busyWorkers-1 include one whose executors run Spark tasks: never removed. */
  busyWorkers?: number;
}

export interface AutoscaleDecision {
  target: number;
  /** Set when the target differs from the previous one. */
  cause?: ResizeCause;
  /** To pass back as lastBusyMs next time. */
  lastBusyMs: number;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/**
 * Workers that cover the outstanding job tasks and the Spark tasks (a core each), within the
 * bounds, and never fewer than the busy ones.
 */
function workersNeeded(demand: Demand, input: AutoscaleInput): number {
  const jobTasks = Math.ceil((demand.queued + demand.running) / input.tasksPerWorker);
  const sparkTasks = demand.spark ? Math.ceil(demand.spark.tasks / demand.spark.coresPerWorker) : 0;
  const needed = Math.max(jobTasks, sparkTasks, input.busyWorkers ?? 0);
  return clamp(needed, input.minWorkers, input.maxWorkers);
}

/**
 * The worker target of an autoscaled cluster. Demand is counted in tasks: every queued or running
 * job task wants a share of a worker (one worker per task by default), and every pending or
 * running Spark task on the driver a core, so the cluster grows at once to cover them, up to
 * maxWorkers. It shrinks only once demand has stayed below its size for the idle timeout, and
 * then to what still covers it (never below minWorkers), removing the highest-indexed workers and
 * never one whose executors run tasks (the driver reports them). Bounds changed by a resize apply
 * at once (cause USER_REQUEST).
 */
export function decideAutoscale(input: AutoscaleInput): AutoscaleDecision {
  const { minWorkers, maxWorkers, previousTarget, demand, now } = input;
  const needed = demand && workersNeeded(demand, input);
  if (previousTarget === undefined) return { target: needed ?? minWorkers, lastBusyMs: now };

  const bounded = clamp(previousTarget, minWorkers, maxWorkers);
  const boundsCause: Pick<AutoscaleDecision, 'cause'> =
    bounded === previousTarget ? {} : { cause: 'USER_REQUEST' };
  if (needed === undefined) return { target: bounded, ...boundsCause, lastBusyMs: input.lastBusyMs ?? now };
  if (needed > bounded) return { target: needed, cause: 'AUTOSCALE', lastBusyMs: now };
  if (needed === bounded) return { target: bounded, ...boundsCause, lastBusyMs: now };

  // The demand dropped when its hash last changed, if that is later than the last busy poll.
  const busySince = Math.min(now, Math.max(input.lastBusyMs ?? now, demand?.updatedAtMs ?? 0));
  if (now - busySince >= input.scaleDownIdleMs)
    return { target: needed, cause: 'AUTOSCALE', lastBusyMs: now };
  return { target: bounded, ...boundsCause, lastBusyMs: busySince };
}
