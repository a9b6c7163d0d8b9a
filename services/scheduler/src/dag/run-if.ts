import type { LifeCycleState, ResultState } from '@brickyard/common/runs';
import type { RUN_IF } from '@brickyard/common/schema';

/**
 * When a task may run, from the outcomes of the tasks it depends on (Databricks' "Run if"):
 *
 *   ALL_SUCCESS (default)   every dependency ran and succeeded        else UPSTREAM_FAILED
 *   AT_LEAST_ONE_SUCCESS    one dependency succeeded                  else UPSTREAM_FAILED
 *   NONE_FAILED             none failed and at least one ran          else UPSTREAM_FAILED
 *   ALL_DONE                every dependency is done, however it went
 *   AT_LEAST_ONE_FAILED     one dependency failed                     else EXCLUDED
 *   ALL_FAILED              every dependency failed                   else EXCLUDED
 *
 * Excluded dependencies (run_if not met, condition outcome not taken, disabled) count as
 * successful without having run; a task whose dependencies were all excluded is excluded too. A
 * canceled dependency propagates as UPSTREAM_CANCELED to tasks that needed it to succeed, while
 * failure handlers (AT_LEAST_ONE_FAILED, ALL_FAILED, ALL_DONE) still run.
 */

export type RunIf = (typeof RUN_IF)[number];

export type DependencyOutcome = 'success' | 'failed' | 'canceled' | 'excluded';

/** What became of a finished task, for the tasks that depend on it. */
export function dependencyOutcome(
  lifeCycle: LifeCycleState,
  result: ResultState | undefined,
): DependencyOutcome {
  if (lifeCycle === 'INTERNAL_ERROR') return 'failed';
  switch (result) {
    case 'SUCCESS':
    case 'SUCCESS_WITH_FAILURES':
      return 'success';
    case 'EXCLUDED':
    case 'DISABLED':
      return 'excluded';
    case 'CANCELED':
    case 'UPSTREAM_CANCELED':
      return 'canceled';
    default:
      return 'failed';
  }
}

export type RunIfDecision = 'RUN' | 'UPSTREAM_FAILED' | 'UPSTREAM_CANCELED' | 'EXCLUDED';

/** The decision for a task whose dependencies are all done (none at all: RUN). */
export function decideRunIf(runIf: RunIf | undefined, outcomes: readonly DependencyOutcome[]): RunIfDecision {
  if (outcomes.length === 0) return 'RUN';
  const ran = outcomes.filter((outcome) => outcome !== 'excluded');
  if (ran.length === 0) return 'EXCLUDED';
  const succeeded = ran.filter((outcome) => outcome === 'success').length;
  const failed = ran.filter((outcome) => outcome === 'failed').length;
  const canceled = ran.filter((outcome) => outcome === 'canceled').length;
  const upstream: RunIfDecision = failed === 0 && canceled > 0 ? 'UPSTREAM_CANCELED' : 'UPSTREAM_FAILED';
  switch (runIf ?? 'ALL_SUCCESS') {
    case 'ALL_SUCCESS':
      return succeeded === ran.length ? 'RUN' : upstream;
    case 'AT_LEAST_ONE_SUCCESS':
      return succeeded > 0 ? 'RUN' : upstream;
    case 'NONE_FAILED':
      return failed === 0 && canceled === 0 ? 'RUN' : upstream;
    case 'ALL_DONE':
      return 'RUN';
    case 'AT_LEAST_ONE_FAILED':
      return failed + canceled > 0 ? 'RUN' : 'EXCLUDED';
    case 'ALL_FAILED':
      return failed + canceled === ran.length ? 'RUN' : 'EXCLUDED';
  }
}
