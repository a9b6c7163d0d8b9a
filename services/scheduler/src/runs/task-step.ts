import { type DependencyOutcome, decideRunIf, dependencyOutcome } from '../dag/run-if.js';
import { type BookedRun, type BookedTask, isTaskDone, stateOf } from './run-book.js';
import type { StepContext } from './step-context.js';
import { followAttempt } from './task-attempt.js';
import { placeTask } from './task-placement.js';
import { finishTask, MESSAGES, setState, taskBook } from './task-transitions.js';

/**
 * One step of a task; true when it changed in a way other tasks may depend on. A dispatched
 * attempt follows its job; otherwise a stopping run cancels the task, a retry that is due starts
 * a new attempt, a task whose upstream is done runs or is skipped by its run_if, and a PENDING
 * task looks for its cluster.
 */
export function stepTask(run: BookedRun, task: BookedTask, context: StepContext): boolean {
  if (isTaskDone(task)) return false;
  const book = taskBook(task);
  const { now } = context;
  if (book.dispatched_at !== undefined) return followAttempt(run, task, context);

  // Not started: the run is being stopped.
  const runStop = run.scheduler?.stop;
  if (runStop) {
    const message =
      runStop.reason === 'TIMEDOUT' ? 'The run timed out before the task started.' : runStop.message;
    finishTask(task, 'CANCELED', message, now);
    return true;
  }

  if (task.state.life_cycle_state === 'WAITING_FOR_RETRY' && !startRetryWhenDue(task, context)) return false;

  const lifeCycle = task.state.life_cycle_state;
  if (lifeCycle === 'QUEUED' || lifeCycle === 'BLOCKED') {
    const admission = admitTask(run, task, now);
    if (admission === 'blocked') return false;
    if (admission === 'finished') return true;
  }

  return placeTask(run, task, context);
}

/** A new attempt once the retry interval is over (PENDING, like a first attempt); false before. */
function startRetryWhenDue(task: BookedTask, { now, wake }: StepContext): boolean {
  const retryAt = taskBook(task).retry_at ?? now;
  if (now < retryAt) {
    wake.add(retryAt);
    return false;
  }
  task.attempt_number += 1;
  task.scheduler = { ready_at: now };
  task.start_time = now;
  task.setup_duration = 0;
  task.execution_duration = 0;
  task.end_time = 0;
  delete task.run_duration;
  delete task.cluster_instance;
  setState(task, stateOf('PENDING', 'Retrying.'));
  return true;
}

/**
 * Whether a task that has not started may: it waits (BLOCKED) for its upstream tasks, then runs
 * (PENDING, ready from now) or, disabled or refused by its run_if, finishes skipped.
 */
function admitTask(run: BookedRun, task: BookedTask, now: number): 'blocked' | 'finished' | 'ready' {
  if (task.disabled) {
    finishTask(task, 'DISABLED', 'The task is disabled.', now);
    return 'finished';
  }
  const byKey = new Map(run.tasks.map((candidate) => [candidate.task_key, candidate]));
  const dependencies = (task.depends_on ?? []).flatMap((dependency) => {
    const upstream = byKey.get(dependency.task_key);
    return upstream ? [{ dependency, upstream }] : [];
  });
  if (dependencies.some(({ upstream }) => !isTaskDone(upstream))) {
    if (task.state.life_cycle_state !== 'BLOCKED') setState(task, stateOf('BLOCKED', MESSAGES.blocked));
    return 'blocked';
  }
  const outcomes = dependencies.map(({ dependency, upstream }): DependencyOutcome => {
    const taken = (upstream.condition_task as { outcome?: string } | undefined)?.outcome;
    if (dependency.outcome !== undefined && taken !== undefined && dependency.outcome !== taken)
      return 'excluded';
    return dependencyOutcome(upstream.state.life_cycle_state, upstream.state.result_state);
  });
  const decision = decideRunIf(task.run_if, outcomes);
  if (decision !== 'RUN') {
    const messages = {
      EXCLUDED: 'The task was excluded: its run_if condition was not met.',
      UPSTREAM_FAILED: 'Upstream task(s) failed.',
      UPSTREAM_CANCELED: 'Upstream task(s) were canceled.',
    };
    finishTask(task, decision, messages[decision], now);
    return 'finished';
  }
  task.scheduler = { ready_at: now };
  task.start_time = now;
  setState(task, stateOf('PENDING', 'Waiting for cluster.'));
  return 'ready';
}
