import type { Run } from './jobs-api';
import { durationOf, type Outcome, outcomeOf } from './run-status';

/**
 * A job's recent runs as chart data: one bar per run, oldest on the left, its height the run's
 * duration in seconds, in one series per outcome so each outcome has its colour and legend entry.
 */

const OUTCOME_ORDER: readonly Outcome[] = ['succeeded', 'failed', 'canceled', 'active', 'other'];

export interface RunHistory {
  /** Bar positions 0..n-1; the runs' ids at the same indexes name them. */
  xs: number[];
  runIds: number[];
  startTimes: number[];
  series: { outcome: Outcome; seconds: (number | null)[] }[];
}

export function runHistoryOf(runsNewestFirst: readonly Run[], now: number): RunHistory {
  const runs = [...runsNewestFirst].reverse();
  const outcomes = runs.map((run) => outcomeOf(run.state));
  const seconds = runs.map((run) => (durationOf(run, now) ?? 0) / 1000);
  const present = OUTCOME_ORDER.filter((outcome) => outcomes.includes(outcome));
  return {
    xs: runs.map((_, index) => index),
    runIds: runs.map((run) => run.run_id),
    startTimes: runs.map((run) => run.start_time),
    series: present.map((outcome) => ({
      outcome,
      seconds: seconds.map((value, index) => (outcomes[index] === outcome ? value : null)),
    })),
  };
}
