import type { JobResource } from '@brickyard/common/crd';
import { toSnakeCase } from '@brickyard/common/crd';
import { JobSpec } from '@brickyard/common/schema';
import { Labels } from '@brickyard/common/vocabulary';
import { quartzToCron } from './quartz.js';

/**
 * Which BullMQ job schedulers should exist: one per Job with an UNPAUSED schedule (a schedule
 * without pause_status is unpaused, as on Databricks), keyed by workspace and job.
 */

export interface DesiredSchedule {
  id: string;
  workspaceId: number;
  jobId: number;
  namespace: string;
  name: string;
  pattern: string;
  tz: string;
}

export interface ScheduleProblem {
  namespace: string;
  name: string;
  error: string;
}

export function scheduleId(workspaceId: number, jobId: number): string {
  return `ws-${workspaceId}-job-${jobId}`;
}

const NAMESPACE_PATTERN = /^brickyard-ws-(\d+)$/;

export function workspaceIdOf(job: JobResource): number | undefined {
  const label = job.metadata.labels?.[Labels.workspaceId];
  const fromLabel = label !== undefined && /^\d+$/.test(label) ? Number(label) : undefined;
  if (fromLabel !== undefined) return fromLabel;
  const match = NAMESPACE_PATTERN.exec(job.metadata.namespace ?? '');
  return match ? Number(match[1]) : undefined;
}

export function desiredSchedules(jobs: readonly JobResource[]): {
  schedules: DesiredSchedule[];
  problems: ScheduleProblem[];
} {
  const schedules: DesiredSchedule[] = [];
  const problems: ScheduleProblem[] = [];
  for (const job of jobs) {
    if (job.metadata.deletionTimestamp) continue;
    const namespace = job.metadata.namespace ?? '';
    const name = job.metadata.name ?? '';
    const workspaceId = workspaceIdOf(job);
    let spec: JobSpec;
    try {
      spec = toSnakeCase(job.spec, JobSpec);
    } catch (error) {
      problems.push({ namespace, name, error: `unreadable spec: ${String(error)}` });
      continue;
    }
    const schedule = spec.settings.schedule;
    if (!schedule || schedule.pause_status === 'PAUSED') continue;
    if (workspaceId === undefined) {
      problems.push({ namespace, name, error: 'no workspace id (label or namespace)' });
      continue;
    }
    const converted = quartzToCron(schedule.quartz_cron_expression);
    if ('error' in converted) {
      problems.push({
        namespace,
        name,
        error: `quartz_cron_expression ${schedule.quartz_cron_expression}: ${converted.error}`,
      });
      continue;
    }
    schedules.push({
      id: scheduleId(workspaceId, spec.job_id),
      workspaceId,
      jobId: spec.job_id,
      namespace,
      name,
      pattern: converted.pattern,
      tz: schedule.timezone_id,
    });
  }
  return { schedules, problems };
}
