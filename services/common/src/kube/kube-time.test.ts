import { describe, expect, it } from 'vitest';
import { timeMs } from './kube-time.js';

describe('timeMs', () => {
  it.each([
    ['reads a MicroTime string as the apiserver sends it', '2026-01-02T03:04:05.678901Z', 1767323045678],
    ['reads a Time string, to the second', '2026-01-02T03:04:05Z', 1767323045000],
    ['reads a Date', new Date(1767323045678), 1767323045678],
    ['has nothing for a missing time', undefined, undefined],
    ['has nothing for a string that is not a time', 'soon', undefined],
  ])('%s', (_name, value, ms) => {
    expect(timeMs(value)).toBe(ms);
  });
});
