import type { ClusterResource } from '@brickyard/common/crd';
import { type StopReason, type TaskJobData, taskJobId } from '@brickyard/common/tasks';
import { jobClusterResource, taskCompute } from './compute.js';
import { withClusterPolicy } from './job-cluster-policy.js';
import type { RunObservations } from './observations.js';
import { type BookedRun, isTaskDone } from './run-book.js';
import { taskInvocation } from './task-invocation.js';
import { needsWarehouseStart, savedQueryId } from './warehouse-placement.js';

/**
 * The side effects a run needs, derived from the run as written and what was observed (never from
 * the transition that led there), so that a crash between the write and the effect is repaired by
 * the next look. Every effect is idempotent: jobs have deterministic ids, job clusters have
 * deterministic names, a stop is a key and a message.
 */

export type RunAction =
  | { kind: 'dispatch'; clusterId: string; jobId: string; data: TaskJobData }
  | { kind: 'stop'; clusterId: string; jobId: string; reason: StopReason; force?: boolean }
  | { kind: 'create-cluster'; resource: ClusterResource }
  | { kind: 'start-cluster'; clusterId: string }
  /** A stopped SQL warehouse a sql_task needs: the start the SQL Warehouses API asks for. */
  | { kind: 'start-warehouse'; warehouseId: string }
  /** The run is over: mark its job clusters so, for the operator to terminate them. */
  | { kind: 'finish-job-clusters' };

/**
 * What a dispatch sends: the task's invocation, with its cluster's spark_env_vars and, for a
 * sql_task of a saved query, the query as it is now (the runtime does not read queries itself).
 */
function dispatchedData(
  run: BookedRun,
  task: BookedRun['tasks'][number],
  dispatchedAt: number,
  observations: RunObservations,
  clusterId: string,
): TaskJobData {
  const data = taskInvocation(run, task, dispatchedAt);
  const queryId = savedQueryId(task);
  const saved = queryId === undefined ? undefined : observations.savedQuery(queryId);
  if (saved?.found && data.task.sql_task)
    data.task.sql_task = { ...data.task.sql_task, query: { ...saved.query } };
  const environment = observations.cluster(clusterId).environment;
  if (environment && Object.keys(environment).length > 0) data.environment = environment;
  return data;
}

export function runActions(run: BookedRun, observations: RunObservations, now: number): RunAction[] {
  const actions: RunAction[] = [];
  const clustersSeen = new Set<string>();
  for (const task of run.tasks) {
    if (isTaskDone(task)) continue;
    const book = task.scheduler ?? {};
    const jobId = taskJobId(task.run_id, task.attempt_number);
    if (book.dispatched_at !== undefined && book.cluster_id !== undefined) {
      const job = observations.jobs.get(jobId);
      const finished = job?.state === 'completed' || job?.state === 'failed' || job?.state === 'missing';
      if (book.lost) {
        // Remove the job even though a consumer took it (once its lock lapsed), so that the
        // cluster's next consumer does not run the abandoned attempt.
        if (!finished)
          actions.push({ kind: 'stop', clusterId: book.cluster_id, jobId, reason: 'CANCELED', force: true });
      } else if (book.stop) {
        if (!finished)
          actions.push({ kind: 'stop', clusterId: book.cluster_id, jobId, reason: book.stop.reason });
      } else if (job === undefined || job.state === 'missing') {
        const data = dispatchedData(run, task, book.dispatched_at, observations, book.cluster_id);
        data.dispatchedAt = now;
        actions.push({ kind: 'dispatch', clusterId: book.cluster_id, jobId, data });
      } else if (job.state === 'waiting' && !clustersSeen.has(book.cluster_id)) {
        // Waiting in the queue of a cluster someone terminated meanwhile: start it again.
        const cluster = observations.cluster(book.cluster_id);
        clustersSeen.add(book.cluster_id);
        const compute = taskCompute(run, task);
        if (compute.kind === 'warehouse') {
          if (needsWarehouseStart(observations.warehouse(compute.warehouseId), cluster))
            actions.push({ kind: 'start-warehouse', warehouseId: compute.warehouseId });
        } else if (cluster.exists && !cluster.deleting && cluster.desiredState === 'TERMINATED') {
          actions.push({ kind: 'start-cluster', clusterId: book.cluster_id });
        }
      }
      continue;
    }
    if (task.state.life_cycle_state !== 'PENDING') continue;
    const compute = withClusterPolicy(taskCompute(run, task), observations.clusterPolicy);
    if (compute.kind !== 'existing' && compute.kind !== 'job' && compute.kind !== 'warehouse') continue;
    if (clustersSeen.has(compute.clusterId)) continue;
    clustersSeen.add(compute.clusterId);
    const cluster = observations.cluster(compute.clusterId);
    if (compute.kind === 'warehouse') {
      // The operator runs a warehouse's compute: the scheduler starts the warehouse, never its cluster.
      if (needsWarehouseStart(observations.warehouse(compute.warehouseId), cluster))
        actions.push({ kind: 'start-warehouse', warehouseId: compute.warehouseId });
    } else if (!cluster.exists) {
      if (compute.kind === 'job')
        actions.push({ kind: 'create-cluster', resource: jobClusterResource(run, compute) });
    } else if (!cluster.deleting && cluster.desiredState === 'TERMINATED') {
      actions.push({ kind: 'start-cluster', clusterId: compute.clusterId });
    }
  }
  if (run.tasks.every(isTaskDone) && observations.jobClustersToMark > 0)
    actions.push({ kind: 'finish-job-clusters' });
  return actions;
}
