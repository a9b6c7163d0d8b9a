import { describe, expect, it } from 'vitest';
import { invalidClusterId, slotOfPodName } from './naming.js';

describe('slotOfPodName', () => {
  it.each([
    ['the driver', '0301-100000-abc-driver', { role: 'driver', index: 0, name: '0301-100000-abc-driver' }],
    [
      'a worker',
      '0301-100000-abc-worker-12',
      { role: 'worker', index: 12, name: '0301-100000-abc-worker-12' },
    ],
    ['nothing for a leading zero', '0301-100000-abc-worker-01', undefined],
    ['nothing for another name', '0301-100000-abc-executor-1', undefined],
    ["nothing for another cluster's pod", '0301-100000-abd-worker-1', undefined],
  ])('reads %s', (_name, podName, slot) => {
    expect(slotOfPodName('0301-100000-abc', podName)).toEqual(slot);
  });
});

describe('invalidClusterId', () => {
  it.each([
    ['accepts a Databricks cluster id', '1124-000000-samples0', false],
    ['refuses capitals', 'Samples', true],
    ['refuses dots, which Service names cannot have', 'a.b', true],
    ['refuses a name too long for the names derived from it', 'a'.repeat(51), true],
  ])('%s', (_name, id, invalid) => {
    expect(invalidClusterId(id) !== undefined).toBe(invalid);
  });
});
