import { describe, expect, it } from 'vitest';
import { tokenRefreshAtMs } from './service-account-tokens.js';

const HOUR = 3600_000;

describe('tokenRefreshAtMs', () => {
  it.each([
    { sentence: 'an hour token is renewed after 48 minutes', issued: 0, expires: HOUR, refresh: 0.8 * HOUR },
    {
      sentence: 'a ten minute token is renewed after 8 minutes',
      issued: 1000,
      expires: 1000 + 600_000,
      refresh: 1000 + 480_000,
    },
    {
      sentence: 'a year token is renewed after a day',
      issued: 0,
      expires: 365 * 24 * HOUR,
      refresh: 24 * HOUR,
    },
    { sentence: 'an already expired token is renewed at once', issued: 5000, expires: 4000, refresh: 5000 },
  ])('$sentence', ({ issued, expires, refresh }) => {
    expect(tokenRefreshAtMs(issued, expires)).toBe(refresh);
  });
});
