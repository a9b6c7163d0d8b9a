import { describe, expect, it } from 'vitest';
import { preferredWarehouse } from './warehouses';

const stopped = { id: 'a', name: 'A', state: 'STOPPED' };
const running = { id: 'b', name: 'B', state: 'RUNNING' };

describe('the warehouse to use', () => {
  it('keeps the one picked, else prefers a running one', () => {
    expect(preferredWarehouse([stopped, running], 'a')).toBe(stopped);
    expect(preferredWarehouse([stopped, running], 'gone')).toBe(running);
    expect(preferredWarehouse([stopped], null)).toBe(stopped);
    expect(preferredWarehouse([], null)).toBeUndefined();
  });
});
