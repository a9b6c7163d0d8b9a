import { describe, expect, it } from 'vitest';
import { newCommandId, newContextId } from './command-ids.js';

describe('ids', () => {
  it('makes context ids of decimal digits that fit a signed 64-bit number', () => {
    for (let i = 0; i < 100; i += 1) {
      const id = newContextId();
      expect(id).toMatch(/^\d{1,19}$/);
      expect(BigInt(id) < 2n ** 63n).toBe(true);
    }
  });

  it('makes command ids of 32 hex digits, each new', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newCommandId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
