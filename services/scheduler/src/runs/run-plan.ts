import type { RunRecord } from '@brickyard/common/runs';
import { runOutcome } from '../dag/run-result.js';
import type { RunObservations } from './observations.js';
import {
  type BookedRun,
  booked,
  isTaskDone,
  type RunBook,
  stateOf,
  type Termination,
  terminationOf,
} from './run-book.js';
import { type PlanSettings, type StepContext, Wake } from './step-context.js';
import { stepTask } from './task-step.js';
import { MESSAGES, setState, stopResult } from './task-transitions.js';

export type { PlanSettings } from './step-context.js';

export interface Plan {
  run: BookedRun;
  changed: boolean;
  /** When something will be due without any event (retry, timeout, cluster wait). */
  wakeAt?: number;
}

/**
 * The run state machine as one pure step: given a run the scheduler has claimed and what it
 * observed (queue jobs, clusters), the run as it should now be written, and when to look again.
 * Applying the step to its own result with the same observations changes nothing, so it can be
 * re-run after a conflict, a crash or a missed event (level-triggered).
 *
 *   run:   PENDING (no task dispatched yet) -> RUNNING -> TERMINATING (stopping, or job clusters
 *          being terminated) -> TERMINATED | INTERNAL_ERROR
 *   task:  BLOCKED (upstream not done) -> PENDING (waiting for its cluster, then for a consumer)
 *          -> RUNNING -> TERMINATED; WAITING_FOR_RETRY between attempts; TERMINATING while a stop
 *          is being delivered; TERMINATED with EXCLUDED / UPSTREAM_FAILED / UPSTREAM_CANCELED /
 *          DISABLED when skipped; INTERNAL_ERROR when its cluster could not be had.
 */
export function planRun(
  input: RunRecord,
  observations: RunObservations,
  now: number,
  settings: PlanSettings,
): Plan {
  const before = JSON.stringify(input);
  const run = structuredClone(booked(input));
  const lifeCycle = run.state.life_cycle_state;
  if (
    lifeCycle === 'QUEUED' ||
    lifeCycle === 'TERMINATED' ||
    lifeCycle === 'SKIPPED' ||
    lifeCycle === 'INTERNAL_ERROR'
  ) {
    return { run, changed: false };
  }
  run.scheduler ??= { claimed_at: now };
  const context: StepContext = { observations, now, settings, wake: new Wake() };
  stopWhenDue(run, run.scheduler, context);

  // Skips cascade down the graph: step every task until nothing moves.
  for (let pass = 0; pass <= run.tasks.length; pass++) {
    let moved = false;
    for (const task of run.tasks) moved = stepTask(run, task, context) || moved;
    if (!moved) break;
  }

  if (run.tasks.every(isTaskDone)) endRun(run, run.scheduler, context);
  else followTasks(run, run.scheduler);

  const changed = JSON.stringify(run) !== before;
  const { at } = context.wake;
  return { run, changed, ...(at !== undefined ? { wakeAt: at } : {}) };
}

/** A cancel request or the run's own timeout starts stopping the run (once). */
function stopWhenDue(run: BookedRun, book: RunBook, { now, wake }: StepContext): void {
  if (book.stop) return;
  const timeoutMs = (run.settings.timeout_seconds ?? 0) * 1000;
  if (run.cancel_requested) {
    book.stop = { reason: 'CANCELED', at: now, message: 'Run cancelled.' };
  } else if (timeoutMs > 0 && now >= book.claimed_at + timeoutMs) {
    book.stop = {
      reason: 'TIMEDOUT',
      at: now,
      message: `The run timed out after ${run.settings.timeout_seconds} seconds.`,
    };
  } else if (timeoutMs > 0) {
    wake.add(book.claimed_at + timeoutMs);
  }
}

/** Every task is done: the run ends once its job clusters are deleted, or the grace for that is over. */
function endRun(run: BookedRun, book: RunBook, { observations, now, settings, wake }: StepContext): void {
  if (observations.jobClustersLeft > 0) {
    book.cleanup_at ??= now;
    if (now < book.cleanup_at + settings.cleanupGraceMs) {
      if (run.state.life_cycle_state !== 'TERMINATING') {
        setState(run, stateOf('TERMINATING', 'Terminating the job clusters.'));
      }
      wake.add(book.cleanup_at + settings.cleanupGraceMs);
    } else {
      finishRun(run, now);
    }
  } else {
    if (book.cleanup_at !== undefined) run.cleanup_duration = Math.max(0, now - book.cleanup_at);
    finishRun(run, now);
  }
}

/** Tasks remain: the run is PENDING until one started, then RUNNING, or TERMINATING if stopped. */
function followTasks(run: BookedRun, book: RunBook): void {
  const started = run.tasks.some(
    (task) =>
      task.scheduler?.dispatched_at !== undefined ||
      isTaskDone(task) ||
      task.state.life_cycle_state === 'WAITING_FOR_RETRY',
  );
  const next = book.stop
    ? stateOf('TERMINATING', book.stop.reason === 'TIMEDOUT' ? book.stop.message : 'Stopping the run.')
    : started
      ? stateOf('RUNNING', MESSAGES.inRun)
      : stateOf('PENDING', 'Waiting for cluster.');
  if (
    run.state.life_cycle_state !== next.state.life_cycle_state ||
    run.state.state_message !== next.state.state_message
  ) {
    setState(run, next);
  }
}

function copySingleTaskTiming(run: BookedRun): void {
  const [only] = run.tasks;
  if (run.tasks.length !== 1 || !only) return;
  run.setup_duration = only.setup_duration;
  run.execution_duration = only.execution_duration;
  if (only.cluster_instance) (run as { cluster_instance?: unknown }).cluster_instance = only.cluster_instance;
}

function finishRun(run: BookedRun, now: number): void {
  const stop = run.scheduler?.stop;
  const outcome = stop
    ? { lifeCycle: 'TERMINATED' as const, result: stopResult(stop), message: stop.message }
    : runOutcome(
        run.tasks.map((task) => ({
          task_key: task.task_key,
          depends_on: task.depends_on,
          life_cycle_state: task.state.life_cycle_state,
          result_state: task.state.result_state,
          state_message: task.state.state_message,
          ...(task.status.termination_details
            ? { termination_code: task.status.termination_details.code }
            : {}),
        })),
      );
  const termination: Termination =
    outcome.lifeCycle === 'INTERNAL_ERROR'
      ? { code: 'code' in outcome && outcome.code ? outcome.code : 'INTERNAL_ERROR', type: 'INTERNAL_ERROR' }
      : terminationOf(outcome.result);
  setState(
    run,
    stateOf(outcome.lifeCycle, outcome.message, {
      result: outcome.result,
      termination,
      userStopped: outcome.result === 'CANCELED' || outcome.result === 'TIMEDOUT',
    }),
  );
  run.end_time = now;
  run.run_duration = Math.max(0, now - run.start_time);
  copySingleTaskTiming(run);
  delete run.cancel_requested;
}
