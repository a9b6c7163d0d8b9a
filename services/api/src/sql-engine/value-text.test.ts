import { describe, expect, it } from 'vitest';
import {
  binaryText,
  dateText,
  dayTimeIntervalText,
  decimalText,
  doubleText,
  floatText,
  timestampText,
  yearMonthIntervalText,
} from './value-text.js';

describe('doubleText prints a DOUBLE as Java does', () => {
  it.each([
    [1.5, '1.5'],
    [0.1, '0.1'],
    [100, '100.0'],
    [-2, '-2.0'],
    [16_777_216, '1.6777216E7'],
    [1e7, '1.0E7'],
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [1.7976931348623157e308, '1.7976931348623157E308'],
    [Number.MIN_VALUE, '4.9E-324'],
    [123456.789, '123456.789'],
    [-0, '0.0'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('%d is %s', (value, text) => {
    expect(doubleText(value)).toBe(text);
  });
});

describe('floatText prints the shortest digits of the 32-bit value', () => {
  it.each([
    [0.1, '0.1'],
    [Math.fround(0.1), '0.1'],
    [1.5, '1.5'],
    [16_777_216, '1.6777216E7'],
    [Math.fround(3.4028234663852886e38), '3.4028235E38'],
    [Number.NaN, 'NaN'],
  ])('%d is %s', (value, text) => {
    expect(floatText(value)).toBe(text);
  });
});

describe('decimalText keeps the scale', () => {
  it.each([
    [150n, 2, '1.50'],
    [0n, 5, '0.00000'],
    [-5n, 3, '-0.005'],
    [12n, 0, '12'],
    [10n ** 38n - 1n, 0, '99999999999999999999999999999999999999'],
    [10n ** 38n - 1n, 38, '0.99999999999999999999999999999999999999'],
  ])('%s at scale %i is %s', (unscaled, scale, text) => {
    expect(decimalText(unscaled, scale)).toBe(text);
  });
});

describe('dates and timestamps', () => {
  it.each([
    [0, '1970-01-01'],
    [19724, '2024-01-02'],
    [-719162, '0001-01-01'],
    [2932896, '9999-12-31'],
  ])('day %i is %s', (days, text) => {
    expect(dateText(days)).toBe(text);
  });

  it('writes a TIMESTAMP as an instant in UTC with milliseconds cut, not rounded', () => {
    expect(timestampText(1_704_164_645_123_456n, true)).toBe('2024-01-02T03:04:05.123Z');
    expect(timestampText(1_704_164_645_999_999n, true)).toBe('2024-01-02T03:04:05.999Z');
  });

  it('writes a TIMESTAMP_NTZ without the zone', () => {
    expect(timestampText(1_704_164_645_123_456n, false)).toBe('2024-01-02T03:04:05.123');
  });

  it('cuts towards the past before 1970', () => {
    expect(timestampText(-1n, true)).toBe('1969-12-31T23:59:59.999Z');
  });
});

describe('intervals are Spark ANSI literals', () => {
  it.each([
    [14, 0, 1, "INTERVAL '1-2' YEAR TO MONTH"],
    [-14, 0, 1, "INTERVAL '-1-2' YEAR TO MONTH"],
    [60, 0, 0, "INTERVAL '5' YEAR"],
    [14, 1, 1, "INTERVAL '14' MONTH"],
  ])('%i months (%i to %i) is %s', (months, start, end, text) => {
    expect(yearMonthIntervalText(months, start, end)).toBe(text);
  });

  const micros = (days: number, hours: number, minutes: number, seconds: number, fraction = 0) =>
    BigInt((((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1_000_000 + fraction);

  it.each([
    [micros(1, 2, 3, 4, 123_456), 0, 3, "INTERVAL '1 02:03:04.123456' DAY TO SECOND"],
    [-micros(1, 2, 3, 4, 500_000), 0, 3, "INTERVAL '-1 02:03:04.5' DAY TO SECOND"],
    [micros(0, 10, 0, 0), 1, 1, "INTERVAL '10' HOUR"],
    [micros(0, 0, 0, 1, 500_000), 3, 3, "INTERVAL '01.5' SECOND"],
    [micros(2, 3, 0, 0), 0, 1, "INTERVAL '2 03' DAY TO HOUR"],
    [micros(0, 1, 2, 0), 1, 2, "INTERVAL '01:02' HOUR TO MINUTE"],
    [micros(0, 0, 0, 0), 0, 3, "INTERVAL '0 00:00:00' DAY TO SECOND"],
  ])('%s micros (%i to %i) is %s', (value, start, end, text) => {
    expect(dayTimeIntervalText(value, start, end)).toBe(text);
  });
});

describe('binaryText', () => {
  it('is base64 with padding', () => {
    expect(binaryText(Uint8Array.from([0xde, 0xad, 0xbe, 0xef]))).toBe('3q2+7w==');
    expect(binaryText(new Uint8Array(0))).toBe('');
  });
});
