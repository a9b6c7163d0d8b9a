import type { ResultState, RunRecord } from '@brickyard/common/runs';
import { taskJobId } from '@brickyard/common/tasks';
import { evaluateCondition } from '../dag/condition-task.js';
import { type DependencyOutcome, decideRunIf, dependencyOutcome } from '../dag/run-if.js';
import { runOutcome } from '../dag/run-result.js';
import { taskCompute } from './compute.js';
import { isClusterReady, type JobObservation, type RunObservations } from './observations.js';
import {
  type BookedRun,
  type BookedTask,
  booked,
  isTaskDone,
  type StopRequest,
  stateOf,
  type TaskBook,
  type Termination,
  terminationOf,
} from './run-book.js';

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

export interface PlanSettings {
  /** How long a task waits for its cluster to reach RUNNING before the run fails. */
  clusterStartTimeoutMs: number;
  /** How long a stopped attempt may take to report back before it is given up on. */
  stopGraceMs: number;
  /** Beyond a task's own timeout, when the scheduler stops an attempt the consumer did not. */
  timeoutGraceMs: number;
  /** How long terminating the run's job clusters may take before the run ends anyway. */
  cleanupGraceMs: number;
}

export interface Plan {
  run: BookedRun;
  changed: boolean;
  /** When something will be due without any event (retry, timeout, cluster wait). */
  wakeAt?: number;
}

class Wake {
  at: number | undefined;
  add(time: number): void {
    if (this.at === undefined || time < this.at) this.at = time;
  }
}

const MESSAGES = {
  waitingForCluster: (clusterId: string) => `Waiting for cluster ${clusterId} to be ready.`,
  waitingForSlot: (clusterId: string) => `Waiting for a free slot on cluster ${clusterId}.`,
  blocked: 'Waiting for upstream tasks to finish.',
  inRun: 'In run',
  stopping: 'Stopping the task.',
};

function setState(target: BookedTask | BookedRun, next: ReturnType<typeof stateOf>): void {
  target.state = next.state;
  target.status = next.status;
}

function taskBook(task: BookedTask): TaskBook {
  task.scheduler ??= {};
  return task.scheduler;
}

function finishTask(task: BookedTask, result: ResultState, message: string, at: number): void {
  const book = taskBook(task);
  setState(
    task,
    stateOf('TERMINATED', message, {
      result,
      termination: terminationOf(result),
      userStopped: result === 'CANCELED' || result === 'TIMEDOUT',
    }),
  );
  if (book.started_at !== undefined) task.execution_duration = Math.max(0, at - book.started_at);
  task.end_time = at;
  if (task.start_time > 0) task.run_duration = Math.max(0, at - task.start_time);
}

function failInternally(task: BookedTask, termination: Termination, message: string, at: number): void {
  setState(task, stateOf('INTERNAL_ERROR', message, { result: 'FAILED', termination }));
  task.end_time = at;
  if (task.start_time > 0) task.run_duration = Math.max(0, at - task.start_time);
}

function shouldRetry(task: BookedTask, result: ResultState): boolean {
  if (result !== 'FAILED' && !(result === 'TIMEDOUT' && task.retry_on_timeout)) return false;
  const maxRetries = task.max_retries ?? 0;
  return maxRetries === -1 || task.attempt_number < maxRetries;
}

function markRunning(task: BookedTask, startedAt: number): void {
  const book = taskBook(task);
  if (book.started_at !== undefined) return;
  book.started_at = startedAt;
  task.setup_duration = Math.max(0, startedAt - task.start_time);
  if (!book.stop) setState(task, stateOf('RUNNING', MESSAGES.inRun));
}

function requestStop(task: BookedTask, stop: StopRequest): void {
  taskBook(task).stop = { ...stop };
  setState(task, stateOf('TERMINATING', MESSAGES.stopping));
}

function stopResult(stop: StopRequest): ResultState {
  return stop.reason === 'TIMEDOUT' ? 'TIMEDOUT' : 'CANCELED';
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

/** How often a lost attempt's job is tried again for removal (its lock lapses meanwhile). */
const LOST_JOB_RECHECK_MS = 2_000;

/**
 * A dispatched attempt whose cluster stopped being usable: a started attempt died with its
 * cluster's processes, so after a grace it is given up on (and may be retried); one still in the
 * queue waits for the cluster to come back, as long as a task waits for a cluster to start.
 * True when the attempt was just declared lost.
 */
function watchCluster(
  task: BookedTask,
  observations: RunObservations,
  now: number,
  settings: PlanSettings,
  wake: Wake,
): boolean {
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

/** One step of a task; true when it changed in a way other tasks may depend on. */
function stepTask(
  run: BookedRun,
  task: BookedTask,
  observations: RunObservations,
  now: number,
  settings: PlanSettings,
  wake: Wake,
): boolean {
  if (isTaskDone(task)) return false;
  const book = taskBook(task);
  const runStop = run.scheduler?.stop;

  // A dispatched attempt: follow its job.
  if (book.dispatched_at !== undefined) {
    const job = observations.jobs.get(taskJobId(task.run_id, task.attempt_number));
    if (runStop && !book.stop && job?.state !== 'completed' && job?.state !== 'failed')
      requestStop(task, runStop);
    if (job && job.processedOn !== undefined) markRunning(task, job.processedOn);
    if (job && (job.state === 'completed' || job.state === 'failed')) {
      applyOutcome(run, task, job, now);
      // Retried: the next pass starts the new attempt when it is already due.
      return isTaskDone(task) || task.state.life_cycle_state === 'WAITING_FOR_RETRY';
    }
    if (book.lost) {
      // The cluster went away: once the attempt's job is gone (removed, or given up on), the
      // attempt failed (a retry may run it again) or, never started, the cluster failed the run.
      if (job?.state === 'missing' || now >= book.lost.at + settings.stopGraceMs) {
        if (book.lost.started) {
          applyOutcome(run, task, { state: 'failed', failedReason: book.lost.message, finishedOn: now }, now);
        } else {
          failInternally(task, { code: 'CLUSTER_ERROR', type: 'INTERNAL_ERROR' }, book.lost.message, now);
        }
        return true;
      }
      // Its lock must lapse before the job can be removed: look again soon.
      wake.add(Math.min(now + LOST_JOB_RECHECK_MS, book.lost.at + settings.stopGraceMs));
      return false;
    }
    if (book.stop) {
      // Removed from the queue before a consumer took it, or the consumer never answered.
      if (job?.state === 'missing' || now >= book.stop.at + settings.stopGraceMs) {
        finishTask(task, stopResult(book.stop), book.stop.message, now);
        return true;
      }
      wake.add(book.stop.at + settings.stopGraceMs);
      return false;
    }
    if (watchCluster(task, observations, now, settings, wake)) return false;
    const timeoutMs = (task.timeout_seconds ?? 0) * 1000;
    if (timeoutMs > 0 && book.started_at !== undefined) {
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
    return false;
  }

  // Not started: the run is being stopped.
  if (runStop) {
    const message =
      runStop.reason === 'TIMEDOUT' ? 'The run timed out before the task started.' : runStop.message;
    finishTask(task, 'CANCELED', message, now);
    return true;
  }

  const lifeCycle = task.state.life_cycle_state;
  if (lifeCycle === 'WAITING_FOR_RETRY') {
    const retryAt = book.retry_at ?? now;
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
  }

  if (task.state.life_cycle_state === 'QUEUED' || task.state.life_cycle_state === 'BLOCKED') {
    if (task.disabled) {
      finishTask(task, 'DISABLED', 'The task is disabled.', now);
      return true;
    }
    const byKey = new Map(run.tasks.map((candidate) => [candidate.task_key, candidate]));
    const dependencies = (task.depends_on ?? []).flatMap((dependency) => {
      const upstream = byKey.get(dependency.task_key);
      return upstream ? [{ dependency, upstream }] : [];
    });
    if (dependencies.some(({ upstream }) => !isTaskDone(upstream))) {
      if (task.state.life_cycle_state !== 'BLOCKED') setState(task, stateOf('BLOCKED', MESSAGES.blocked));
      return false;
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
      return true;
    }
    task.scheduler = { ready_at: now };
    task.start_time = now;
    setState(task, stateOf('PENDING', 'Waiting for cluster.'));
  }

  // PENDING, not dispatched: find its cluster.
  const readyAt = taskBook(task).ready_at ?? now;
  const compute = taskCompute(run, task);
  if (compute.kind === 'none') {
    const outcome = evaluateCondition((task.condition_task ?? {}) as Record<string, unknown>, {
      workspaceId: String(run.workspace_id),
      runId: String(run.run_id),
      taskRunId: String(task.run_id),
      jobParameters: Object.fromEntries(
        (run.job_parameters ?? []).flatMap((p) => {
          const value = p.value ?? p.default;
          return value === undefined ? [] : [[p.name, value]];
        }),
      ),
    });
    if ('error' in outcome) {
      finishTask(task, 'FAILED', outcome.error, now);
    } else {
      task.condition_task = { ...task.condition_task, outcome: outcome.outcome };
      finishTask(task, 'SUCCESS', '', now);
    }
    return true;
  }
  if (compute.kind === 'invalid') {
    failInternally(task, { code: 'INVALID_CLUSTER_REQUEST', type: 'CLIENT_ERROR' }, compute.message, now);
    return true;
  }
  const cluster = observations.cluster(compute.clusterId);
  if (isClusterReady(cluster)) {
    const current = taskBook(task);
    current.cluster_id = compute.clusterId;
    current.dispatched_at = now;
    task.cluster_instance = { cluster_id: compute.clusterId };
    setState(task, stateOf('PENDING', MESSAGES.waitingForSlot(compute.clusterId)));
    return false;
  }
  if (compute.kind === 'existing' && !cluster.exists) {
    failInternally(
      task,
      { code: 'RESOURCE_NOT_FOUND', type: 'CLIENT_ERROR' },
      `Cluster ${compute.clusterId} does not exist.`,
      now,
    );
    return true;
  }
  if (cluster.state === 'ERROR') {
    failInternally(
      task,
      { code: 'CLUSTER_ERROR', type: 'INTERNAL_ERROR' },
      `Cluster ${compute.clusterId} is in state ERROR${cluster.message ? `: ${cluster.message}` : ''}.`,
      now,
    );
    return true;
  }
  const deadline = readyAt + settings.clusterStartTimeoutMs;
  if (now >= deadline) {
    failInternally(
      task,
      { code: 'CLUSTER_ERROR', type: 'INTERNAL_ERROR' },
      `Cluster ${compute.clusterId} did not become ready within ${Math.round(settings.clusterStartTimeoutMs / 1000)} seconds (state ${cluster.state ?? 'unknown'}).`,
      now,
    );
    return true;
  }
  const waiting = MESSAGES.waitingForCluster(compute.clusterId);
  if (task.state.state_message !== waiting) setState(task, stateOf('PENDING', waiting));
  wake.add(deadline);
  return false;
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
  const book = run.scheduler;
  const wake = new Wake();

  if (!book.stop) {
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

  // Skips cascade down the graph: step every task until nothing moves.
  for (let pass = 0; pass <= run.tasks.length; pass++) {
    let moved = false;
    for (const task of run.tasks) moved = stepTask(run, task, observations, now, settings, wake) || moved;
    if (!moved) break;
  }

  if (run.tasks.every(isTaskDone)) {
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
  } else {
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

  const changed = JSON.stringify(run) !== before;
  return { run, changed, ...(wake.at !== undefined ? { wakeAt: wake.at } : {}) };
}
