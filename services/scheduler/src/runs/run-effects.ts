import type { ComputeCallers } from '@brickyard/common/compute-callers';
import type { Logger } from 'pino';
import type { ClusterDirectory } from '../clusters/cluster-directory.js';
import type { ClusterQueues } from '../dispatch/cluster-queues.js';
import type { SchedulerMetrics } from '../metrics.js';
import type { WarehouseDirectory } from '../warehouses/warehouse-directory.js';
import { isMarkedFinished } from './job-cluster-cleanup.js';
import type { RunAction } from './run-actions.js';
import type { BookedRun } from './run-book.js';

export interface RunEffectsDeps {
  queues: ClusterQueues;
  /** Mints the credential each dispatched attempt acts with (its run's run-as user). */
  computeCallers: ComputeCallers;
  clusters: ClusterDirectory;
  warehouses: WarehouseDirectory;
  metrics: SchedulerMetrics;
  log: Logger;
  /** A task attempt was sent to its cluster's queue as this job: its events concern the run. */
  onDispatched: (jobId: string, runId: number) => void;
}

/** Performs the effects a written run needs, in order: each is idempotent, so a repeat is harmless. */
export async function performActions(
  run: BookedRun,
  actions: readonly RunAction[],
  deps: RunEffectsDeps,
): Promise<void> {
  const { queues, clusters, metrics, log } = deps;
  for (const action of actions) {
    switch (action.kind) {
      case 'dispatch':
        deps.onDispatched(action.jobId, run.run_id);
        await queues.dispatch(action.clusterId, action.jobId, {
          ...action.data,
          computeCaller: await deps.computeCallers.mint({
            workspaceId: run.workspace_id,
            clusterId: action.clusterId,
            userName: run.run_as_user_name ?? run.creator_user_name,
          }),
        });
        metrics.tasksDispatched.inc();
        log.debug(
          { runId: run.run_id, queueJobId: action.jobId, clusterId: action.clusterId },
          'Dispatched task',
        );
        break;
      case 'stop':
        await queues.stop(action.clusterId, action.jobId, action.reason, action.force);
        log.info(
          { runId: run.run_id, queueJobId: action.jobId, reason: action.reason },
          'Asked task to stop',
        );
        break;
      case 'create-cluster':
        await clusters.create(action.resource);
        log.info({ runId: run.run_id, clusterId: action.resource.metadata.name }, 'Created job cluster');
        break;
      case 'start-cluster':
        await clusters.startCluster(run.workspace_id, action.clusterId);
        log.info({ runId: run.run_id, clusterId: action.clusterId }, 'Started terminated cluster');
        break;
      case 'start-warehouse':
        if (await deps.warehouses.startWarehouse(run.workspace_id, action.warehouseId))
          log.info({ runId: run.run_id, warehouseId: action.warehouseId }, 'Started stopped warehouse');
        break;
      case 'finish-job-clusters':
        for (const cluster of clusters.jobClustersOf(run.workspace_id, run.run_id)) {
          if (cluster.metadata.deletionTimestamp || isMarkedFinished(cluster)) continue;
          await clusters.markRunFinished(cluster, Date.now());
          log.info({ runId: run.run_id, clusterId: cluster.metadata.name }, 'Marked job cluster finished');
        }
        break;
    }
  }
}
