import { describe, expect, it } from 'vitest';
import { parseDemand } from './demand.js';

describe('parseDemand', () => {
  it.each([
    [
      'reads the scheduler hash',
      { queued: '3', running: '2', updated_at: '1700000000000' },
      { queued: 3, running: 2, updatedAtMs: 1_700_000_000_000 },
    ],
    ['reads a missing hash as no demand', {}, { queued: 0, running: 0 }],
    [
      'reads nonsense and negative counts as zero',
      { queued: 'many', running: '-1' },
      { queued: 0, running: 0 },
    ],
  ])('%s', (_name, hash, demand) => {
    expect(parseDemand(hash)).toEqual(demand);
  });
});
