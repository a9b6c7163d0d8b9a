import { describe, expect, it } from 'vitest';
import { outstandingTasks, parseDemand, parseSparkDemand } from './demand.js';

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

describe('parseSparkDemand', () => {
  const now = 1_700_000_010_000;
  it.each([
    [
      "reads the driver's fresh report",
      { tasks: '12', cores_per_worker: '2', busy_hosts: '["127.32.0.9"]', updated_at: String(now - 2_000) },
      { tasks: 12, coresPerWorker: 2, busyHosts: ['127.32.0.9'] },
    ],
    [
      'ignores a report older than 30 s (the driver is gone)',
      { tasks: '4', updated_at: String(now - 30_001) },
      undefined,
    ],
    ['reads a missing hash as no report', {}, undefined],
    [
      'reads nonsense as no tasks, one core and no busy host',
      { tasks: 'x', cores_per_worker: '0', busy_hosts: '{', updated_at: String(now) },
      { tasks: 0, coresPerWorker: 1, busyHosts: [] },
    ],
  ])('%s', (_name, hash, expected) => {
    expect(parseSparkDemand(hash, now)).toEqual(expected);
  });

  it('counts Spark tasks as outstanding work, so a busy interactive cluster is active', () => {
    expect(
      outstandingTasks({ queued: 1, running: 1, spark: { tasks: 5, coresPerWorker: 2, busyHosts: [] } }),
    ).toBe(7);
  });
});
