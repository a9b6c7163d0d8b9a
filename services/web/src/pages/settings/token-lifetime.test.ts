import { describe, expect, it } from 'vitest';
import { formatTime } from '../../ui/format';
import { DEFAULT_LIFETIME, expiryText, LIFETIME_CHOICES } from './token-lifetime';

describe('token lifetimes', () => {
  it('offer days in seconds, and no expiry', () => {
    expect(LIFETIME_CHOICES.find((choice) => choice.label === '7 days')?.seconds).toBe(604_800);
    expect(LIFETIME_CHOICES.find((choice) => choice.label === 'No expiry')?.seconds).toBeUndefined();
    expect(LIFETIME_CHOICES.map((choice) => choice.label)).toContain(DEFAULT_LIFETIME);
  });

  it('read Never for a token without one, else the time it ends', () => {
    expect(expiryText(-1)).toBe('Never');
    expect(expiryText(1_700_000_000_000)).toBe(formatTime(1_700_000_000_000));
  });
});
