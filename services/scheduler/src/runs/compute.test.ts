import { describe, expect, it } from 'vitest';
import { jobClusterId } from './compute.js';

describe('job cluster ids', () => {
  const run = { run_id: 123456789012345, start_time: Date.UTC(2026, 10, 24, 15, 4, 5) };

  it('have the Databricks form, dated by the run', () => {
    expect(jobClusterId(run, 'job:main')).toMatch(/^1124-150405-[a-z0-9]{8}$/);
  });

  it('are the same every time for a run and key, and differ between keys', () => {
    expect(jobClusterId(run, 'job:main')).toBe(jobClusterId(run, 'job:main'));
    expect(jobClusterId(run, 'job:main')).not.toBe(jobClusterId(run, 'job:other'));
    expect(jobClusterId(run, 'job:main')).not.toBe(jobClusterId({ ...run, run_id: 1 }, 'job:main'));
  });
});
