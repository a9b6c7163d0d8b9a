import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it.each([
    [1, 100, 200],
    [2, 200, 400],
    [5, 1600, 3200],
    [20, 15_000, 30_000],
  ])('after %i failures waits between %i and %i ms', (failures, low, high) => {
    expect(backoffDelay(failures, 200, 30_000, () => 0)).toBe(low);
    expect(backoffDelay(failures, 200, 30_000, () => 1)).toBe(high);
  });
});
