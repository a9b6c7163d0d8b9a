import type { ResultState } from '@brickyard/common/runs';
import { taskJobId } from '@brickyard/common/tasks';
import { isClusterReady, type JobObservation } from './observations.js';
import {
  type BookedRun,
  type BookedTask,
  isTaskDone,
  type StopRequest,
  stateOf,
  type TaskBook,
} from './run-book.js';
import type { StepContext } from './step-context.js';
import {
  failInternally,
  finishTask,
  MESSAGES,
  markRunning,
  requestStop,
  setState,
  stopResult,
  taskBook,
} from './task-transitions.js';

/** How often a lost attempt's job is tried again for removal (its lock lapses meanwhile). */
const LOST_JOB_RECHECK_MS = 2_000;

/**
 * One step of a dispatched attempt: follow its job (started, finished), deliver a stop of the
 * run, and watch its cluster and its timeout. True when the task changed in a way other tasks
 * may depend on.
 */
export function followAttempt(run: BookedRun, task: BookedTask, context: StepContext): boolean {
  const book = taskBook(task);
  const runStop = run.scheduler?.stop;
  const job = context.observations.jobs.get(taskJobId(task.run_id, task.attempt_number));
  if (runStop && !book.stop && job?.state !== 'completed' && job?.state !== 'failed')
    requestStop(task, runStop);
  if (job && job.processedOn !== undefined) markRunning(task, job.processedOn);
  if (job && (job.state === 'completed' || job.state === 'failed')) {
    applyOutcome(run, task, job, context.now);
    // Retried: the next pass starts the new attempt when it is already due.
    return isTaskDone(task) || task.state.life_cycle_state === 'WAITING_FOR_RETRY';
  }
  if (book.lost) return settleLostAttempt(run, task, book.lost, job, context);
  if (book.stop) return settleStoppedAttempt(task, book.stop, job, context);
  if (watchCluster(task, context)) return false;
  watchTimeout(task, context);
  return false;
}

/**
 * The cluster went away: once the attempt's job is gone (removed, or given up on), the attempt
 * failed (a retry may run it again) or, never started, the cluster failed the run.
 */
function settleLostAttempt(
  run: BookedRun,
  task: BookedTask,
  lost: NonNullable<TaskBook['lost']>,
  job: JobObservation | undefined,
  { now, settings, wake }: StepContext,
): boolean {
  if (job?.state === 'missing' || now >= lost.at + settings.stopGraceMs) {
    if (lost.started) {
      applyOutcome(run, task, { state: 'failed', failedReason: lost.message, finishedOn: now }, now);
    } else {
      failInternally(task, { code: 'CLUSTER_ERROR', type: 'INTERNAL_ERROR' }, lost.message, now);
    }
    return true;
  }
  // Its lock must lapse before the job can be removed: look again soon.
  wake.add(Math.min(now + LOST_JOB_RECHECK_MS, lost.at + settings.stopGraceMs));
  return false;
}

/** Removed from the queue before a consumer took it, or the consumer never answered: stopped. */
function settleStoppedAttempt(
  task: BookedTask,
  stop: StopRequest,
  job: JobObservation | undefined,
  { now, settings, wake }: StepContext,
): boolean {
  if (job?.state === 'missing' || now >= stop.at + settings.stopGraceMs) {
    finishTask(task, stopResult(stop), stop.message, now);
    return true;
  }
  wake.add(stop.at + settings.stopGraceMs);
  return false;
}

/** A started attempt past its timeout (and a grace for the consumer to stop it) is stopped. */
function watchTimeout(task: BookedTask, { now, settings, wake }: StepContext): void {
  const book = taskBook(task);
  const timeoutMs = (task.timeout_seconds ?? 0) * 1000;
  if (timeoutMs <= 0 || book.started_at === undefined) return;
  const deadline = book.started_at + timeoutMs + settings.timeoutGraceMs;
  if (now >= deadline) {
    requestStop(task, {
      reason: 'TIMEDOUT',
      at: now,
      message: `The task timed out after ${task.timeout_seconds} seconds and was stopped.`,
    });
    wake.add(now + settings.stopGraceMs);
  } else {
    wake.add(deadline);
  }
}

function shouldRetry(task: BookedTask, result: ResultState): boolean {
  if (result !== 'FAILED' && !(result === 'TIMEDOUT' && task.retry_on_timeout)) return false;
  const maxRetries = task.max_retries ?? 0;
  return maxRetries === -1 || task.attempt_number < maxRetries;
}

/** The attempt's job is done: record how it went, and retry it if the task allows. */
function applyOutcome(run: BookedRun, task: BookedTask, job: JobObservation, now: number): void {
  const book = taskBook(task);
  const finishedAt = job.finishedOn ?? now;
  let result: ResultState;
  let message: string;
  if (job.state === 'failed' || !job.result) {
    result = 'FAILED';
    message = job.failedReason ?? 'The task failed.';
  } else {
    const outcome = job.result;
    message = outcome.error ?? '';
    if (outcome.result === 'SUCCESS') result = 'SUCCESS';
    else if (outcome.result === 'FAILED') result = 'FAILED';
    else if (outcome.timedOut) result = 'TIMEDOUT';
    else if (book.stop) result = stopResult(book.stop);
    else result = 'CANCELED';
    if (result === 'TIMEDOUT' && !message) message = 'The task timed out and was stopped.';
  }
  if (book.stop) message = result === 'SUCCESS' ? message : book.stop.message || message;
  if (book.lost && result !== 'SUCCESS') {
    // Stopped because its cluster went away: a failure of the attempt, which a retry may fix.
    result = 'FAILED';
    message = book.lost.message;
  }
  if (!book.stop && !run.scheduler?.stop && shouldRetry(task, result)) {
    const retryAt = finishedAt + (task.min_retry_interval_millis ?? 0);
    if (book.started_at !== undefined) task.execution_duration = Math.max(0, finishedAt - book.started_at);
    task.end_time = finishedAt;
    task.scheduler = { retry_at: retryAt };
    const attempt = task.attempt_number + 1;
    setState(
      task,
      stateOf(
        'WAITING_FOR_RETRY',
        `Attempt ${attempt} ended ${result}${message ? `: ${message}` : ''}. Retrying.`,
      ),
    );
    return;
  }
  finishTask(task, result, message, finishedAt);
}

/**
 * A dispatched attempt whose cluster stopped being usable: a started attempt died with its
 * cluster's processes, so after a grace it is given up on (and may be retried); one still in the
 * queue waits for the cluster to come back, as long as a task waits for a cluster to start.
 * True when the attempt was just declared lost.
 */
function watchCluster(task: BookedTask, { observations, now, settings, wake }: StepContext): boolean {
  const book = taskBook(task);
  const clusterId = book.cluster_id as string;
  const cluster = observations.cluster(clusterId);
  if (isClusterReady(cluster)) {
    delete book.cluster_lost_at;
    return false;
  }
  book.cluster_lost_at ??= now;
  const state = cluster.exists ? (cluster.state ?? 'unknown') : 'deleted';
  const started = book.started_at !== undefined;
  const deadline =
    book.cluster_lost_at + (started ? settings.timeoutGraceMs : settings.clusterStartTimeoutMs);
  if (now < deadline) {
    wake.add(deadline);
    return false;
  }
  book.lost = {
    at: now,
    started,
    message: started
      ? `Cluster ${clusterId} stopped while the task ran (state ${state}).`
      : `Cluster ${clusterId} did not become ready within ${Math.round(settings.clusterStartTimeoutMs / 1000)} seconds (state ${state}).`,
  };
  setState(task, stateOf('TERMINATING', MESSAGES.stopping));
  wake.add(now);
  return true;
}
