import { invalidParameter } from '../../errors/databricks-error.js';

/**
 * What users may not do to a job cluster (cluster_source JOB). The Databricks job scheduler
 * creates a job cluster for a run and terminates it when the run is complete; "you cannot restart
 * a job cluster" (docs.databricks.com, Clusters). After its run it stays visible (TERMINATED,
 * termination_reason JOB_FINISHED) for clusters/get, /events and /list until the operator removes
 * it at the end of its retention period, but clusters/start and clusters/restart are refused.
 */
export type UserStartAction = 'start' | 'restart';

export function assertNotJobCluster(
  action: UserStartAction,
  clusterId: string,
  clusterSource: string | undefined,
): void {
  if (clusterSource !== 'JOB') return;
  throw invalidParameter(
    `Cluster ${clusterId} is a job cluster and cannot be ${action === 'start' ? 'started' : 'restarted'}: job clusters run for their job run only`,
  );
}
