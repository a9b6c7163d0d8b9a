import {
  newRunRecord,
  type RunRecord,
  resolveJobParameters,
  runAsUserName,
  runSettingsOf,
} from '@brickyard/common/runs';
import type { JobSpec } from '@brickyard/common/schema';

/**
 * A run started by a job's schedule: the same record run-now builds (every task, the job's
 * parameters at their defaults), with trigger PERIODIC. The idempotency token names the job and
 * the fire time, so a schedule tick delivered twice still starts one run.
 */

function periodicIdempotencyToken(jobId: number, fireTime: number): string {
  return `schedule-${jobId}-${fireTime}`;
}

export interface PeriodicRunInput {
  workspaceId: number;
  job: JobSpec;
  /** Scheme and authority of the API, for run_page_url. */
  host: string;
  fireTime: number;
  now: number;
}

export function periodicRunDraft(
  input: PeriodicRunInput,
): (runId: number, taskRunIds: number[]) => RunRecord {
  const { job, workspaceId } = input;
  const tasks = job.settings.tasks ?? [];
  const jobParameters = resolveJobParameters(job.settings.parameters, undefined);
  return (runId, taskRunIds) =>
    newRunRecord({
      workspaceId,
      host: input.host,
      runId,
      taskRunIds,
      now: input.now,
      creatorUserName: job.creator_user_name ?? 'scheduler',
      runAsUserName: runAsUserName(job.settings.run_as, job.creator_user_name ?? 'scheduler'),
      jobId: job.job_id,
      runName: job.settings.name ?? 'Untitled',
      runType: 'JOB_RUN',
      trigger: 'PERIODIC',
      tasks,
      settings: runSettingsOf(job.settings),
      ...(job.settings.job_clusters ? { jobClusters: job.settings.job_clusters } : {}),
      ...(jobParameters ? { jobParameters } : {}),
      idempotencyToken: periodicIdempotencyToken(job.job_id, input.fireTime),
    });
}
