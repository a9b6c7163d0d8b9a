import { describe, expect, it } from 'vitest';
import { durationOf, isActive, outcomeOf, statusOf } from './run-status';

describe('a run status', () => {
  it('is active until its life cycle reaches a final state', () => {
    expect(isActive({ life_cycle_state: 'PENDING' })).toBe(true);
    expect(isActive({ life_cycle_state: 'BLOCKED' })).toBe(true);
    expect(isActive({ life_cycle_state: 'TERMINATED', result_state: 'SUCCESS' })).toBe(false);
    expect(isActive({ life_cycle_state: 'SKIPPED' })).toBe(false);
    expect(isActive(undefined)).toBe(false);
  });

  it('reads as its result once it has one', () => {
    expect(statusOf({ life_cycle_state: 'RUNNING' })).toBe('RUNNING');
    expect(statusOf({ life_cycle_state: 'TERMINATED', result_state: 'FAILED' })).toBe('FAILED');
  });

  it.each([
    ['SUCCESS', 'succeeded'],
    ['TIMEDOUT', 'failed'],
    ['UPSTREAM_CANCELED', 'canceled'],
    ['EXCLUDED', 'other'],
  ])('a run that ended %s counts as %s', (result, outcome) => {
    expect(outcomeOf({ life_cycle_state: 'TERMINATED', result_state: result })).toBe(outcome);
  });

  it('counts a run that has not ended as active', () => {
    expect(outcomeOf({ life_cycle_state: 'QUEUED' })).toBe('active');
  });

  it('lasts from start to end, or until now while it runs', () => {
    expect(durationOf({ start_time: 0, end_time: 0 }, 5_000)).toBeUndefined();
    expect(durationOf({ start_time: 1_000, end_time: 0 }, 5_000)).toBe(4_000);
    expect(durationOf({ start_time: 1_000, end_time: 3_000 }, 5_000)).toBe(2_000);
    expect(durationOf({ start_time: 1_000, end_time: 3_000, run_duration: 1_500 }, 5_000)).toBe(1_500);
  });
});
