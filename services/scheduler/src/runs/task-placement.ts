import { evaluateCondition } from '../dag/condition-task.js';
import { taskCompute } from './compute.js';
import { withClusterPolicy } from './job-cluster-policy.js';
import { hasFailedToRun, isClusterReady } from './observations.js';
import { type BookedRun, type BookedTask, stateOf } from './run-book.js';
import type { StepContext } from './step-context.js';
import { failInternally, finishTask, MESSAGES, setState, taskBook } from './task-transitions.js';
import { warehouseStep } from './warehouse-placement.js';

/**
 * One step of a PENDING task not dispatched yet: a condition task is evaluated on the spot; any
 * other is dispatched once its cluster is ready, and fails if the cluster does not exist, is in
 * ERROR, terminated by a failure (hasFailedToRun) or is not ready in time. A sql_task's cluster is
 * its warehouse's compute: the warehouse (and a saved query it runs) must exist, and a stopped
 * warehouse is started rather than given up on. True when the task finished.
 */
export function placeTask(run: BookedRun, task: BookedTask, context: StepContext): boolean {
  const { observations, now, settings, wake } = context;
  const readyAt = taskBook(task).ready_at ?? now;
  const compute = withClusterPolicy(taskCompute(run, task), observations.clusterPolicy);
  if (compute.kind === 'none') {
    settleConditionTask(run, task, now);
    return true;
  }
  if (compute.kind === 'invalid') {
    failInternally(task, { code: 'INVALID_CLUSTER_REQUEST', type: 'CLIENT_ERROR' }, compute.message, now);
    return true;
  }
  const onWarehouse = compute.kind === 'warehouse' ? warehouseStep(compute, task, observations) : undefined;
  if (onWarehouse?.kind === 'fail') {
    failInternally(task, onWarehouse.termination, onWarehouse.message, now);
    return true;
  }
  const cluster = observations.cluster(compute.clusterId);
  if (isClusterReady(cluster)) {
    const current = taskBook(task);
    current.cluster_id = compute.clusterId;
    current.dispatched_at = now;
    // A warehouse's compute is hidden: clients see the warehouse in sql_task, not a cluster.
    if (compute.kind !== 'warehouse') task.cluster_instance = { cluster_id: compute.clusterId };
    const slot =
      compute.kind === 'warehouse'
        ? MESSAGES.waitingForWarehouseSlot(compute.warehouseId)
        : MESSAGES.waitingForSlot(compute.clusterId);
    setState(task, stateOf('PENDING', slot));
    return false;
  }
  if (compute.kind === 'existing' && !cluster.exists) {
    failInternally(
      task,
      { code: 'RESOURCE_NOT_FOUND', type: 'CLIENT_ERROR' },
      `Cluster ${compute.clusterId} does not exist.`,
      now,
    );
    return true;
  }
  if (cluster.state === 'ERROR') {
    failInternally(
      task,
      { code: 'CLUSTER_ERROR', type: 'INTERNAL_ERROR' },
      `Cluster ${compute.clusterId} is in state ERROR${cluster.message ? `: ${cluster.message}` : ''}.`,
      now,
    );
    return true;
  }
  if (!onWarehouse && hasFailedToRun(cluster)) {
    // Databricks' wording for a run whose cluster failed to start.
    const reason = cluster.terminationReason;
    failInternally(
      task,
      { code: 'CLUSTER_ERROR', type: 'CLOUD_FAILURE' },
      `Unexpected failure while waiting for the cluster (${compute.clusterId}) to be ready: Cluster ` +
        `${compute.clusterId} is in unexpected state Terminated: ${reason?.code}(${reason?.type})` +
        `${cluster.message ? `: ${cluster.message}` : ''}`,
      now,
    );
    return true;
  }
  const deadline = readyAt + settings.clusterStartTimeoutMs;
  if (now >= deadline) {
    failInternally(
      task,
      { code: 'CLUSTER_ERROR', type: 'INTERNAL_ERROR' },
      `Cluster ${compute.clusterId} did not become ready within ${Math.round(settings.clusterStartTimeoutMs / 1000)} seconds (state ${cluster.state ?? 'unknown'}).`,
      now,
    );
    return true;
  }
  const waiting =
    compute.kind === 'warehouse'
      ? MESSAGES.waitingForWarehouse(compute.warehouseId)
      : MESSAGES.waitingForCluster(compute.clusterId);
  if (task.state.state_message !== waiting) setState(task, stateOf('PENDING', waiting));
  wake.add(deadline);
  return false;
}

/** A condition task needs no compute: the scheduler evaluates it, against the run's job parameters. */
function settleConditionTask(run: BookedRun, task: BookedTask, now: number): void {
  const outcome = evaluateCondition((task.condition_task ?? {}) as Record<string, unknown>, {
    workspaceId: String(run.workspace_id),
    runId: String(run.run_id),
    taskRunId: String(task.run_id),
    jobParameters: Object.fromEntries(
      (run.job_parameters ?? []).flatMap((p) => {
        const value = p.value ?? p.default;
        return value === undefined ? [] : [[p.name, value]];
      }),
    ),
  });
  if ('error' in outcome) {
    finishTask(task, 'FAILED', outcome.error, now);
  } else {
    task.condition_task = { ...task.condition_task, outcome: outcome.outcome };
    finishTask(task, 'SUCCESS', '', now);
  }
}
