import { describe, expect, it } from 'vitest';
import { parseRateLimits } from './rate-limit-setting.js';

describe('parseRateLimits', () => {
  it.each([undefined, '', 'off', ' OFF '])('turns the limits off for %j', (raw) => {
    expect(parseRateLimits(raw)).toBeUndefined();
  });

  it.each([
    ['1', 1],
    ['0.25', 0.25],
    ['10', 10],
  ])('reads %s as %d times Databricks limits', (raw, multiplier) => {
    expect(parseRateLimits(raw)).toBe(multiplier);
  });

  it.each(['on', '0', '-1', 'Infinity', '1x'])('refuses %j, naming the variable', (raw) => {
    expect(() => parseRateLimits(raw)).toThrow(/BRICKYARD_RATE_LIMITS/);
  });
});
