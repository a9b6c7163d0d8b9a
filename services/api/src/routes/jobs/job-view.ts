import type { JobResource } from '@brickyard/common/crd';
import { toSnakeCase } from '@brickyard/common/crd';
import { runAsUserName } from '@brickyard/common/runs';
import { JobSettings, JobSpec } from '@brickyard/common/schema';
import type { FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import { jobDoesNotExist } from '../../errors/databricks-error.js';
import { governedJob } from '../../permissions/governed-objects.js';
import type { PermissionLevel } from '../../permissions/object-types.js';
import type { ApiServices } from '../../services.js';
import { jobResourceName } from './job-id.js';

/** The Job object of jobs/get and jobs/list, read from a Job resource. */
export const Job = Type.Object({
  job_id: Type.Integer(),
  creator_user_name: Type.Optional(Type.String()),
  run_as_user_name: Type.Optional(Type.String()),
  created_time: Type.Integer(),
  settings: JobSettings,
});
export type Job = Static<typeof Job>;

/** A job id as requests carry it: an int64 that JavaScript holds exactly. */
export const JobId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export function jobSpecOf(resource: JobResource): JobSpec {
  return toSnakeCase(resource.spec, JobSpec);
}

export function createdTimeOf(resource: JobResource): number {
  const stamp = resource.metadata.creationTimestamp as unknown as string | Date | undefined;
  const time = stamp === undefined ? Number.NaN : new Date(stamp).getTime();
  return Number.isFinite(time) ? time : 0;
}

/** A job as clients see it; without `expandTasks` its tasks and job clusters are left out (jobs/list). */
export function toJobView(resource: JobResource, expandTasks = true): Job {
  const spec = jobSpecOf(resource);
  const { tasks, job_clusters, ...rest } = spec.settings;
  const settings = expandTasks ? spec.settings : rest;
  const runAs = runAsUserName(spec.settings.run_as, spec.creator_user_name);
  return {
    job_id: spec.job_id,
    ...(spec.creator_user_name !== undefined ? { creator_user_name: spec.creator_user_name } : {}),
    ...(runAs !== undefined ? { run_as_user_name: runAs } : {}),
    created_time: createdTimeOf(resource),
    settings,
  };
}

/**
 * The job with this id in the caller's workspace, once the caller is known to hold `needed` on it
 * (Databricks' job ACLs: reading a job and its runs needs CAN_VIEW, running and cancelling
 * CAN_MANAGE_RUN, editing and deleting CAN_MANAGE). A job of another workspace does not exist as
 * far as this caller can tell, so it gets the same answer as a missing one.
 */
export function findJob(
  services: ApiServices,
  request: FastifyRequest,
  jobId: number,
  needed: PermissionLevel<'jobs'>,
): JobResource {
  const job = services.jobs.get(request.workspace.namespace, jobResourceName(jobId));
  if (!job || job.metadata.deletionTimestamp || job.spec.jobId !== jobId) throw jobDoesNotExist(jobId);
  services.permissions.require(request.principal, governedJob(job), needed);
  return job;
}
