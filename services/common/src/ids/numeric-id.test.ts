import { describe, expect, it } from 'vitest';
import { newNumericId } from './numeric-id.js';

describe('newNumericId', () => {
  it('draws 15 or 16 digit safe integers', () => {
    for (let i = 0; i < 1000; i++) {
      const id = newNumericId();
      expect(Number.isSafeInteger(id)).toBe(true);
      expect(String(id).length).toBeGreaterThanOrEqual(15);
      expect(String(id).length).toBeLessThanOrEqual(16);
    }
  });

  it('draws again when the number is too small', () => {
    const draws = [0, 5, 30_000, 7];
    const id = newNumericId(() => draws.shift() ?? 0);
    expect(id).toBe(30_000 * 2 ** 32 + 7);
  });

  it('rarely repeats itself', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newNumericId()));
    expect(ids.size).toBe(10_000);
  });
});
