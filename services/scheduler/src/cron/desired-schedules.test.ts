import type { JobResource } from '@brickyard/common/crd';
import { describe, expect, it } from 'vitest';
import { desiredSchedules } from './desired-schedules.js';
import { fireTimeOf } from './schedule-sync.js';

function job(
  jobId: number,
  schedule: Record<string, string> | undefined,
  labels: Record<string, string> = {},
): JobResource {
  return {
    apiVersion: 'brickyard.dev/v1alpha1',
    kind: 'Job',
    metadata: { name: `job-${jobId}`, namespace: 'brickyard-ws-77', labels },
    spec: { jobId, settings: { name: 'j', ...(schedule ? { schedule } : {}) } },
  } as unknown as JobResource;
}

describe('job schedules', () => {
  it('schedule each unpaused job, keyed by workspace and job', () => {
    const { schedules, problems } = desiredSchedules([
      job(1, { quartzCronExpression: '*/5 * * * * ?', timezoneId: 'Europe/Paris', pauseStatus: 'UNPAUSED' }),
      job(2, { quartzCronExpression: '0 0 12 * * ?', timezoneId: 'UTC' }),
    ]);
    expect(problems).toEqual([]);
    expect(schedules).toEqual([
      {
        id: 'ws-77-job-1',
        workspaceId: 77,
        jobId: 1,
        namespace: 'brickyard-ws-77',
        name: 'job-1',
        pattern: '*/5 * * * * *',
        tz: 'Europe/Paris',
      },
      {
        id: 'ws-77-job-2',
        workspaceId: 77,
        jobId: 2,
        namespace: 'brickyard-ws-77',
        name: 'job-2',
        pattern: '0 0 12 * * *',
        tz: 'UTC',
      },
    ]);
  });

  it('leave out paused schedules and jobs without one', () => {
    const { schedules } = desiredSchedules([
      job(1, { quartzCronExpression: '0 0 12 * * ?', timezoneId: 'UTC', pauseStatus: 'PAUSED' }),
      job(2, undefined),
    ]);
    expect(schedules).toEqual([]);
  });

  it('report expressions they cannot convert', () => {
    const { schedules, problems } = desiredSchedules([
      job(1, { quartzCronExpression: '0 0 12 15W * ?', timezoneId: 'UTC' }),
    ]);
    expect(schedules).toEqual([]);
    expect(problems[0]?.error).toMatch(/W and L-n are not supported/);
  });

  it('take the fire time of a tick from its job id', () => {
    expect(fireTimeOf({ id: 'repeat:ws-77-job-1:1700000005000', timestamp: 1 })).toBe(1_700_000_005_000);
    expect(fireTimeOf({ id: 'odd', timestamp: 42 })).toBe(42);
  });
});
