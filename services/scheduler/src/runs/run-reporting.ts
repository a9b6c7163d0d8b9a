import { isTerminal } from '@brickyard/common/runs';
import type { Logger } from 'pino';
import type { SchedulerMetrics } from '../metrics.js';
import type { FollowedRun } from './followed-runs.js';
import type { BookedRun } from './run-book.js';

/** Life cycle states a run is in before it ends, always reported (0 when none). */
const REPORTED_RUN_STATES = ['QUEUED', 'PENDING', 'RUNNING', 'TERMINATING'] as const;

/** brickyard_scheduler_runs: the queued runs and the followed ones by life cycle state. */
export function reportRunStates(
  metrics: SchedulerMetrics,
  queued: number,
  followed: Iterable<FollowedRun>,
): void {
  const counts = new Map<string, number>(REPORTED_RUN_STATES.map((state) => [state, 0]));
  counts.set('QUEUED', queued);
  for (const run of followed) counts.set(run.lifeCycleState, (counts.get(run.lifeCycleState) ?? 0) + 1);
  for (const [state, count] of counts) metrics.runs.set({ state }, count);
}

/** Task start latency (ready to started) of the attempts a write saw start. */
export function recordTaskStarts(metrics: SchedulerMetrics, before: BookedRun, after: BookedRun): void {
  for (const task of after.tasks) {
    const book = task.scheduler;
    if (book?.started_at === undefined || book.ready_at === undefined) continue;
    const previous = before.tasks.find((candidate) => candidate.run_id === task.run_id)?.scheduler;
    if (previous?.started_at === book.started_at) continue;
    metrics.taskStartLatency.observe(Math.max(0, book.started_at - book.ready_at) / 1000);
  }
}

/** A run that ended with this write: its result and duration, counted once. */
export function recordRunFinished(
  metrics: SchedulerMetrics,
  log: Logger,
  before: BookedRun,
  run: BookedRun,
): void {
  if (isTerminal(before.state.life_cycle_state)) return;
  const result = run.state.result_state ?? run.state.life_cycle_state;
  metrics.runsFinished.inc({ result });
  if (run.start_time > 0)
    metrics.runDuration.observe({ result }, Math.max(0, run.end_time - run.start_time) / 1000);
  log.info(
    {
      runId: run.run_id,
      jobId: run.job_id,
      result: run.state.result_state,
      lifeCycle: run.state.life_cycle_state,
    },
    'Finished run',
  );
}
