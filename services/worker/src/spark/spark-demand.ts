/**
 * Spark's demand as the driver's monitoring REST API (the web UI on :4040, /api/v1) shows it,
 * in the fields of clusterSparkDemandKey: what the operator autoscales on.
 */

/** The parts of /applications/<id>/stages?status=active that say how much work is left. */
export interface ActiveStage {
  numTasks: number;
  /** Tasks (by partition index) that have finished: retries of one index count once. */
  numCompletedIndices: number;
}

/** The parts of /applications/<id>/executors that say where work runs. */
export interface ExecutorSummary {
  id: string;
  hostPort: string;
  activeTasks: number;
  totalCores: number;
  isActive?: boolean;
}

export interface SparkDemandReport {
  /** Spark tasks pending or running. */
  tasks: number;
  coresPerWorker: number;
  /** Worker pod IPs whose executors run tasks now. */
  busyHosts: string[];
}

const hostOf = (hostPort: string): string => hostPort.replace(/:\d+$/, '');

/** The report of what the API shows; cores per worker default to the worker node type's. */
export function sparkDemandOf(
  stages: readonly ActiveStage[],
  executors: readonly ExecutorSummary[],
  defaultCoresPerWorker: number,
): SparkDemandReport {
  const tasks = stages.reduce(
    (sum, stage) => sum + Math.max(0, stage.numTasks - stage.numCompletedIndices),
    0,
  );
  const onWorkers = executors.filter((executor) => executor.id !== 'driver' && executor.isActive !== false);
  const busyHosts = [
    ...new Set(onWorkers.filter((executor) => executor.activeTasks > 0).map((e) => hostOf(e.hostPort))),
  ].sort();
  const cores = Math.max(0, ...onWorkers.map((executor) => executor.totalCores));
  return { tasks, coresPerWorker: cores > 0 ? cores : defaultCoresPerWorker, busyHosts };
}

/** The Redis hash fields of a report (clusterSparkDemandKey). */
export function demandHash(report: SparkDemandReport, now: number): Record<string, string> {
  return {
    tasks: String(report.tasks),
    cores_per_worker: String(report.coresPerWorker),
    busy_hosts: JSON.stringify(report.busyHosts),
    updated_at: String(now),
  };
}
