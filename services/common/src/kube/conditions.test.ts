import { describe, expect, it } from 'vitest';
import { type Condition, type ConditionUpdate, mergeConditions } from './conditions.js';

describe('mergeConditions', () => {
  const earlier = '2026-01-01T00:00:00Z';
  const now = new Date('2026-02-03T04:05:06.789Z');
  const ready: Condition = {
    type: 'Ready',
    status: 'False',
    reason: 'Provisioning',
    lastTransitionTime: earlier,
  };

  const cases: Record<
    string,
    { previous: Condition[] | undefined; updates: ConditionUpdate[]; expected: Condition[] }
  > = {
    'stamps a new condition with the current time, to the second': {
      previous: undefined,
      updates: [{ type: 'Ready', status: 'False', reason: 'Provisioning' }],
      expected: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'Provisioning',
          lastTransitionTime: '2026-02-03T04:05:06Z',
        },
      ],
    },
    'keeps the transition time when only the reason or message changes': {
      previous: [ready],
      updates: [{ type: 'Ready', status: 'False', reason: 'Failed', message: 'boom' }],
      expected: [
        { type: 'Ready', status: 'False', reason: 'Failed', message: 'boom', lastTransitionTime: earlier },
      ],
    },
    'moves the transition time when the status flips': {
      previous: [ready],
      updates: [{ type: 'Ready', status: 'True', reason: 'Running' }],
      expected: [
        { type: 'Ready', status: 'True', reason: 'Running', lastTransitionTime: '2026-02-03T04:05:06Z' },
      ],
    },
    'keeps conditions of types it was not told about, after the updated ones': {
      previous: [{ type: 'Other', status: 'True', lastTransitionTime: earlier }, ready],
      updates: [{ type: 'Ready', status: 'False', reason: 'Provisioning' }],
      expected: [ready, { type: 'Other', status: 'True', lastTransitionTime: earlier }],
    },
  };

  it.each(Object.entries(cases))('%s', (_name, { previous, updates, expected }) => {
    expect(mergeConditions(previous, updates, now)).toEqual(expected);
  });
});
