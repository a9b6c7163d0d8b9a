import { describe, expect, it } from 'vitest';
import { withChanges } from './spec-changes.js';

describe('withChanges', () => {
  it('sets what is given, keeps the rest, and records who changed it', () => {
    const spec = { name: 'a', owner: 'alice', comment: 'old', updatedAt: 1, updatedBy: 'alice' };
    const changed = withChanges(spec, { owner: 'bob', comment: undefined }, 'carol');
    expect(changed).toEqual({
      name: 'a',
      owner: 'bob',
      comment: 'old',
      updatedAt: expect.any(Number),
      updatedBy: 'carol',
    });
    expect(changed.updatedAt).toBeGreaterThan(1);
  });
});
