import type { LifeCycleState, ResultState } from '@brickyard/common/runs';
import { dependencyOutcome } from './run-if.js';

/**
 * How a run ended, from its tasks (Databricks decides on the leaf tasks, those nothing depends on):
 *
 *   SUCCESS                 every task succeeded or was excluded
 *   SUCCESS_WITH_FAILURES   some task failed, but every leaf succeeded or was excluded
 *   TIMEDOUT / CANCELED     the leaves that did not succeed all timed out / were all canceled
 *   FAILED                  otherwise
 *
 * A task that ended INTERNAL_ERROR (its cluster could not be had) makes the run INTERNAL_ERROR.
 */

export interface FinishedTask {
  task_key: string;
  depends_on?: readonly { task_key: string }[] | undefined;
  life_cycle_state: LifeCycleState;
  result_state?: ResultState | undefined;
  state_message?: string;
  termination_code?: string;
}

export interface RunOutcome {
  lifeCycle: 'TERMINATED' | 'INTERNAL_ERROR';
  result: ResultState;
  message: string;
  /** The termination code of the task that decided it, when it was not a plain success or failure. */
  code?: string;
}

function leavesOf(tasks: readonly FinishedTask[]): FinishedTask[] {
  const upstream = new Set(tasks.flatMap((task) => (task.depends_on ?? []).map((d) => d.task_key)));
  return tasks.filter((task) => !upstream.has(task.task_key));
}

const succeeded = (task: FinishedTask) => {
  const outcome = dependencyOutcome(task.life_cycle_state, task.result_state);
  return outcome === 'success' || outcome === 'excluded';
};

function failureMessage(task: FinishedTask): string {
  const detail = task.state_message ? ` with message: ${task.state_message}` : '';
  switch (task.result_state) {
    case 'TIMEDOUT':
      return `Task ${task.task_key} timed out.`;
    case 'UPSTREAM_FAILED':
      return `Task ${task.task_key} was skipped because an upstream task failed.`;
    case 'UPSTREAM_CANCELED':
      return `Task ${task.task_key} was skipped because an upstream task was canceled.`;
    case 'CANCELED':
      return `Task ${task.task_key} was canceled.`;
    default:
      return `Task ${task.task_key} failed${detail}.`;
  }
}

export function runOutcome(tasks: readonly FinishedTask[]): RunOutcome {
  const internal = tasks.find((task) => task.life_cycle_state === 'INTERNAL_ERROR');
  if (internal) {
    return {
      lifeCycle: 'INTERNAL_ERROR',
      result: 'FAILED',
      message: internal.state_message || `Task ${internal.task_key} could not run.`,
      ...(internal.termination_code ? { code: internal.termination_code } : {}),
    };
  }
  if (tasks.every(succeeded)) return { lifeCycle: 'TERMINATED', result: 'SUCCESS', message: '' };
  const failedLeaves = leavesOf(tasks).filter((task) => !succeeded(task));
  if (failedLeaves.length === 0) {
    const failed = tasks.filter((task) => !succeeded(task)).map((task) => task.task_key);
    return {
      lifeCycle: 'TERMINATED',
      result: 'SUCCESS_WITH_FAILURES',
      message: `Some tasks failed (${failed.join(', ')}), but every leaf task succeeded.`,
    };
  }
  const results = new Set(failedLeaves.map((task) => task.result_state));
  const first =
    failedLeaves.find((task) => task.result_state === 'FAILED') ??
    tasks.find((task) => task.result_state === 'FAILED' || task.result_state === 'TIMEDOUT') ??
    failedLeaves[0];
  const message = first ? failureMessage(first) : 'The run failed.';
  if (results.size === 1 && results.has('TIMEDOUT'))
    return { lifeCycle: 'TERMINATED', result: 'TIMEDOUT', message };
  if ([...results].every((result) => result === 'CANCELED' || result === 'UPSTREAM_CANCELED')) {
    return { lifeCycle: 'TERMINATED', result: 'CANCELED', message };
  }
  return { lifeCycle: 'TERMINATED', result: 'FAILED', message };
}
