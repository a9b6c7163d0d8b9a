import { type Demand, outstandingTasks } from './demand.js';

/**
 * The latest activity known: demand now means activity now; a demand hash changed since counts
 * as activity at its updated_at (a task came or went between two polls).
 */
export function latestActivity(
  known: number | undefined,
  demand: Demand | undefined,
  now: number,
): number | undefined {
  if (!demand) return known;
  if (outstandingTasks(demand) > 0) return now;
  if (demand.updatedAtMs === undefined) return known;
  const changedAt = Math.min(demand.updatedAtMs, now);
  return known === undefined ? changedAt : Math.max(known, changedAt);
}

export interface AutoterminationInput {
  autoterminationMinutes: number | undefined;
  minuteMs: number;
  demand: Demand | undefined;
  /** The latest of the cluster's start, its last restart and its last activity. */
  idleSinceMs: number;
  now: number;
}

/** When the cluster may be terminated for inactivity, or undefined if it never will be. */
export function inactivityDeadline(input: AutoterminationInput): number | undefined {
  const minutes = input.autoterminationMinutes ?? 0;
  if (minutes <= 0) return undefined;
  return input.idleSinceMs + minutes * input.minuteMs;
}

/**
 * Whether an idle cluster is due for termination: autotermination is on, the demand is known and
 * zero (unknown demand never terminates a cluster), and nothing happened for that many minutes.
 */
export function shouldAutoTerminate(input: AutoterminationInput): boolean {
  const deadline = inactivityDeadline(input);
  if (deadline === undefined || !input.demand || outstandingTasks(input.demand) > 0) return false;
  return input.now >= deadline;
}
