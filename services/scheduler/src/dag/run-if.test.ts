import { describe, expect, it } from 'vitest';
import {
  type DependencyOutcome,
  decideRunIf,
  dependencyOutcome,
  type RunIf,
  type RunIfDecision,
} from './run-if.js';

describe('run_if', () => {
  const cases: [string, RunIf | undefined, DependencyOutcome[], RunIfDecision][] = [
    ['a task without dependencies runs', undefined, [], 'RUN'],
    [
      'ALL_SUCCESS is the default and runs when every dependency succeeded',
      undefined,
      ['success', 'success'],
      'RUN',
    ],
    [
      'ALL_SUCCESS is upstream-failed when one dependency failed',
      'ALL_SUCCESS',
      ['success', 'failed'],
      'UPSTREAM_FAILED',
    ],
    [
      'ALL_SUCCESS is upstream-canceled when a dependency was canceled and none failed',
      'ALL_SUCCESS',
      ['success', 'canceled'],
      'UPSTREAM_CANCELED',
    ],
    ['ALL_SUCCESS counts excluded dependencies as successful', 'ALL_SUCCESS', ['success', 'excluded'], 'RUN'],
    [
      'a task whose dependencies were all excluded is excluded',
      'ALL_DONE',
      ['excluded', 'excluded'],
      'EXCLUDED',
    ],
    [
      'AT_LEAST_ONE_SUCCESS runs with one success among failures',
      'AT_LEAST_ONE_SUCCESS',
      ['failed', 'success'],
      'RUN',
    ],
    [
      'AT_LEAST_ONE_SUCCESS is upstream-failed when all failed',
      'AT_LEAST_ONE_SUCCESS',
      ['failed', 'failed'],
      'UPSTREAM_FAILED',
    ],
    ['NONE_FAILED runs when nothing failed', 'NONE_FAILED', ['success', 'excluded'], 'RUN'],
    [
      'NONE_FAILED is upstream-failed when one failed',
      'NONE_FAILED',
      ['success', 'failed'],
      'UPSTREAM_FAILED',
    ],
    ['ALL_DONE runs whatever happened upstream', 'ALL_DONE', ['failed', 'canceled', 'success'], 'RUN'],
    ['AT_LEAST_ONE_FAILED runs when one failed', 'AT_LEAST_ONE_FAILED', ['success', 'failed'], 'RUN'],
    ['AT_LEAST_ONE_FAILED treats a cancellation as a failure', 'AT_LEAST_ONE_FAILED', ['canceled'], 'RUN'],
    [
      'AT_LEAST_ONE_FAILED is excluded when everything succeeded',
      'AT_LEAST_ONE_FAILED',
      ['success', 'success'],
      'EXCLUDED',
    ],
    ['ALL_FAILED runs when every dependency failed', 'ALL_FAILED', ['failed', 'failed'], 'RUN'],
    ['ALL_FAILED is excluded when one succeeded', 'ALL_FAILED', ['failed', 'success'], 'EXCLUDED'],
  ];
  it.each(cases)('%s', (_name, runIf, outcomes, expected) => {
    expect(decideRunIf(runIf, outcomes)).toBe(expected);
  });

  it('classifies finished tasks for the tasks that depend on them', () => {
    expect(dependencyOutcome('TERMINATED', 'SUCCESS')).toBe('success');
    expect(dependencyOutcome('TERMINATED', 'FAILED')).toBe('failed');
    expect(dependencyOutcome('TERMINATED', 'TIMEDOUT')).toBe('failed');
    expect(dependencyOutcome('TERMINATED', 'UPSTREAM_FAILED')).toBe('failed');
    expect(dependencyOutcome('TERMINATED', 'EXCLUDED')).toBe('excluded');
    expect(dependencyOutcome('TERMINATED', 'DISABLED')).toBe('excluded');
    expect(dependencyOutcome('TERMINATED', 'CANCELED')).toBe('canceled');
    expect(dependencyOutcome('INTERNAL_ERROR', 'FAILED')).toBe('failed');
  });
});
