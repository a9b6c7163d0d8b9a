import { describe, expect, it } from 'vitest';
import { applyChanges } from './grant-changes.js';

describe('applyChanges', () => {
  it('adds to a principal, removes from another, drops one left with nothing, appends a new one', () => {
    const result = applyChanges(
      [
        { principal: 'ada', privileges: ['SELECT'] },
        { principal: 'bob', privileges: ['MODIFY'] },
      ],
      [
        { principal: 'ada', add: ['MODIFY'] },
        { principal: 'bob', remove: ['MODIFY'] },
        { principal: 'analysts', add: ['USE_SCHEMA', 'SELECT'] },
      ],
    );
    expect(result).toEqual([
      { principal: 'ada', privileges: ['SELECT', 'MODIFY'] },
      { principal: 'analysts', privileges: ['USE_SCHEMA', 'SELECT'] },
    ]);
  });

  it('adds a privilege held already only once', () => {
    expect(
      applyChanges([{ principal: 'ada', privileges: ['SELECT'] }], [{ principal: 'ada', add: ['SELECT'] }]),
    ).toEqual([{ principal: 'ada', privileges: ['SELECT'] }]);
  });
});
