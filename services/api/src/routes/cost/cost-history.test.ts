import { describe, expect, it } from 'vitest';
import { historyWindow, promqlString, readCostHistory } from './cost-history.js';

const NOW = Date.UTC(2026, 11, 4, 12);
const HOUR = 60 * 60 * 1000;

describe('historyWindow', () => {
  it('is the last day by default, in about 300 steps', () => {
    expect(historyWindow({}, NOW)).toEqual({ startMs: NOW - 24 * HOUR, endMs: NOW, stepSeconds: 288 });
  });

  it('never steps closer than the scrape interval, and ends no later than now', () => {
    expect(historyWindow({ start_time: NOW - 60_000, end_time: NOW + HOUR }, NOW)).toEqual({
      startMs: NOW - 60_000,
      endMs: NOW,
      stepSeconds: 15,
    });
  });

  it('refuses an empty or reversed window and one over 31 days', () => {
    expect(() => historyWindow({ start_time: NOW, end_time: NOW }, NOW)).toThrow(/before end_time/);
    expect(() => historyWindow({ start_time: NOW + HOUR }, NOW)).toThrow(/before end_time/);
    expect(() => historyWindow({ start_time: NOW - 32 * 24 * HOUR }, NOW)).toThrow(/31 days/);
  });
});

describe('promqlString', () => {
  it('quotes a label value so that it cannot end the selector', () => {
    expect(promqlString('a"} or vector(1) #')).toBe('"a\\"} or vector(1) #"');
  });
});

describe('readCostHistory', () => {
  it('is FEATURE_DISABLED (501) when the API has no Prometheus', async () => {
    await expect(readCostHistory(undefined, 'up', historyWindow({}, NOW))).rejects.toMatchObject({
      statusCode: 501,
      errorCode: 'FEATURE_DISABLED',
    });
  });
});
