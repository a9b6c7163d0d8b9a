import type { RunLookup, StoredRun } from '@brickyard/common/runs';
import { cancelQueuedRun, isTerminal, type RunRecord } from '@brickyard/common/runs';
import type { FastifyRequest } from 'fastify';
import { permissionDenied, runDoesNotExist } from '../../errors/databricks-error.js';
import { governedJob } from '../../permissions/governed-objects.js';
import type { ApiServices } from '../../services.js';
import { jobResourceName } from './job-id.js';

type RunAccess = 'CAN_VIEW' | 'CAN_MANAGE_RUN';

/**
 * Whether the caller holds `needed` on a run: through its job while the job exists, else (a
 * one-time run, or a run of a deleted job) as the run's creator or a workspace admin.
 */
export function canAccessRun(
  services: ApiServices,
  request: FastifyRequest,
  run: RunRecord,
  needed: RunAccess,
): boolean {
  const { principal } = request;
  const job =
    run.job_id === undefined
      ? undefined
      : services.jobs.get(request.workspace.namespace, jobResourceName(run.job_id));
  if (job && !job.metadata.deletionTimestamp)
    return services.permissions.can(principal, governedJob(job), needed);
  return principal.isAdmin || run.creator_user_name.toLowerCase() === principal.userName.toLowerCase();
}

function requireRunAccess(
  services: ApiServices,
  request: FastifyRequest,
  run: RunRecord,
  needed: RunAccess,
): void {
  if (canAccessRun(services, request, run, needed)) return;
  const words = needed === 'CAN_VIEW' ? 'Can View' : 'Can Manage Run';
  throw permissionDenied(
    `${request.principal.userName} does not have ${words} permissions on run ${run.run_id}`,
  );
}

/**
 * The run with this id in the caller's workspace (ids of task runs are not runs here, as on
 * Databricks' runs/get), once the caller is known to hold `needed` on it. Runs of other
 * workspaces do not exist for this caller.
 */
export async function findRun(
  services: ApiServices,
  request: FastifyRequest,
  runId: number,
  needed: RunAccess,
): Promise<StoredRun> {
  const run = await services.runs.get(runId);
  if (!run || run.record.workspace_id !== request.workspace.workspaceId) throw runDoesNotExist(runId);
  requireRunAccess(services, request, run.record, needed);
  return run;
}

/** A run or a task run of the caller's workspace that the caller may view. */
export async function findRunOrTaskRun(
  services: ApiServices,
  request: FastifyRequest,
  runId: number,
): Promise<RunLookup> {
  const found = await services.runs.lookup(runId);
  if (!found || found.run.record.workspace_id !== request.workspace.workspaceId) throw runDoesNotExist(runId);
  requireRunAccess(services, request, found.run.record, 'CAN_VIEW');
  return found;
}

/**
 * The cancellation of a run as the API may make it: a QUEUED run ends at once (CANCELED); a run
 * the scheduler has taken is marked `cancel_requested` for the scheduler to stop; a finished run
 * stays as it is (undefined: nothing to write).
 */
export function cancellation(run: RunRecord, now: number, userName: string): RunRecord | undefined {
  const state = run.state.life_cycle_state;
  if (isTerminal(state)) return undefined;
  if (state === 'QUEUED') return cancelQueuedRun(run, now, userName);
  if (run.cancel_requested) return undefined;
  return { ...run, cancel_requested: true };
}

/** Cancels a run (with `queuedOnly`, only if it is still waiting in the queue). */
export async function cancelRun(
  services: ApiServices,
  request: FastifyRequest,
  runId: number,
  queuedOnly = false,
): Promise<void> {
  await services.runs.update(runId, (run) =>
    queuedOnly && run.state.life_cycle_state !== 'QUEUED'
      ? undefined
      : cancellation(run, Date.now(), request.principal.userName),
  );
}

export interface CancelScope {
  jobId?: number;
  /** Only runs still waiting in the queue. */
  queuedOnly?: boolean;
}

/** Cancels the active runs of the caller's workspace in scope (of one job, or only queued ones). */
export async function cancelRuns(
  services: ApiServices,
  request: FastifyRequest,
  scope: CancelScope,
): Promise<void> {
  const { workspaceId } = request.workspace;
  const ids = scope.queuedOnly
    ? await services.runs.queuedRunIds(workspaceId)
    : await services.runs.listRunIds(workspaceId, { activeOnly: true });
  const runs = await services.runs.getMany(ids);
  const targets = runs.filter(
    ({ record }) =>
      record.workspace_id === workspaceId && (scope.jobId === undefined || record.job_id === scope.jobId),
  );
  await Promise.all(
    targets.map(({ record }) => cancelRun(services, request, record.run_id, scope.queuedOnly)),
  );
}
