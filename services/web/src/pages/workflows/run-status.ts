import type { RunState, RunTiming } from './jobs-api';

/** How a run or task run reads: its state, whether it may still change, how long it took. */

const FINAL_LIFE_CYCLE_STATES = new Set(['TERMINATED', 'SKIPPED', 'INTERNAL_ERROR']);

/** True while the run may still change: the page keeps polling it and offers Cancel. */
export function isActive(state: RunState | undefined): boolean {
  return state !== undefined && !FINAL_LIFE_CYCLE_STATES.has(state.life_cycle_state);
}

/** The one word a badge shows: the result once there is one, else where in its life the run is. */
export function statusOf(state: RunState): string {
  return state.result_state ?? state.life_cycle_state;
}

/** Groups of results, each with its colour in charts. */
export type Outcome = 'succeeded' | 'failed' | 'canceled' | 'active' | 'other';

const OUTCOMES: Record<string, Outcome> = {
  SUCCESS: 'succeeded',
  SUCCESS_WITH_FAILURES: 'succeeded',
  FAILED: 'failed',
  TIMEDOUT: 'failed',
  UPSTREAM_FAILED: 'failed',
  INTERNAL_ERROR: 'failed',
  CANCELED: 'canceled',
  UPSTREAM_CANCELED: 'canceled',
};

export function outcomeOf(state: RunState): Outcome {
  if (isActive(state)) return 'active';
  return OUTCOMES[statusOf(state)] ?? 'other';
}

/** Milliseconds from start to end (to `now` while running); undefined before it starts. */
export function durationOf(timing: Pick<RunTiming, 'start_time' | 'end_time' | 'run_duration'>, now: number) {
  if (!timing.start_time) return undefined;
  if (timing.end_time) return timing.run_duration || timing.end_time - timing.start_time;
  return Math.max(0, now - timing.start_time);
}
