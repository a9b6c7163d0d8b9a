import { describe, expect, it } from 'vitest';
import { formatBytes, formatDollars, formatDuration } from './format';
import { toneOf } from './state-tone';

describe('display forms', () => {
  it.each([
    [950, '950 ms'],
    [12_345, '12.3 s'],
    [245_000, '4 min 05 s'],
    [7_380_000, '2 h 03 min'],
    [-1, '—'],
    [undefined, '—'],
  ])('a duration of %s ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    [512, '512 B'],
    [2048, '2.0 KiB'],
    [5 * 1024 * 1024, '5.0 MiB'],
  ])('%s bytes read %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('shows small costs to the hundredth of a cent and large ones to the cent', () => {
    expect(formatDollars(0.01234)).toBe('$0.0123');
    expect(formatDollars(12.345)).toBe('$12.35');
  });

  it.each([
    ['RUNNING', 'ok'],
    ['terminated', 'idle'],
    ['FAILED', 'bad'],
    ['PENDING', 'info'],
    [undefined, 'idle'],
    ['SOMETHING_NEW', 'idle'],
  ])('state %s has the %s tone', (state, tone) => {
    expect(toneOf(state)).toBe(tone);
  });
});
