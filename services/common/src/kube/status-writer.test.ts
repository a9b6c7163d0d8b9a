import { describe, expect, it } from 'vitest';
import { statusChanged } from './status-writer.js';

describe('statusChanged', () => {
  const condition = { type: 'Ready', status: 'True', reason: 'Running' };
  it.each([
    [
      'sees no change between equal statuses',
      { phase: 'RUNNING', conditions: [condition] },
      { phase: 'RUNNING', conditions: [condition] },
      false,
    ],
    ['ignores the order of fields', { a: 1, b: 2 }, { b: 2, a: 1 }, false],
    [
      'treats an undefined field as absent, as the apiserver stores it',
      { a: 1 },
      { a: 1, message: undefined },
      false,
    ],
    ['treats a missing status as an empty one', undefined, {}, false],
    ['sees a changed field', { phase: 'PROVISIONING' }, { phase: 'RUNNING' }, true],
    ['sees a removed field', { phase: 'FAILED', message: 'boom' }, { phase: 'FAILED' }, true],
    [
      'sees a changed condition deep inside a list',
      { conditions: [condition] },
      { conditions: [{ ...condition, status: 'False' }] },
      true,
    ],
    ['sees a first status on an object that had none', undefined, { phase: 'PROVISIONING' }, true],
  ])('%s', (_name, observed, computed, changed) => {
    expect(statusChanged(observed, computed)).toBe(changed);
  });
});
