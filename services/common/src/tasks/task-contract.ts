import type { ExecutableTask, TaskResult } from './task-types.js';

/**
 * The contract between the scheduler (producer) and the runtime's queue consumer, over BullMQ:
 *
 *   queue `cluster-<clusterId>`      one per cluster; every pod of the cluster (driver and workers)
 *                                    consumes it. Job name `task`, job id `<taskRunId>-<attempt>`
 *                                    (deterministic: a redelivery or a second add never runs an
 *                                    attempt twice in parallel, and its result is recorded once).
 *   job data                         TaskJobData; the job's return value is TaskJobResult.
 *   brickyard:run:<taskRunId>:output the consumer writes the task run's output there (what
 *                                    runs/get-output returns), only while the run exists.
 *   brickyard:scheduler:cancel:<jobId>  STRING reason ('CANCELED' | 'TIMEDOUT'): the scheduler asks
 *                                    for the attempt to stop. Set with a TTL, then announced on
 *   channel brickyard:scheduler:cancel  the job id; consumers also poll the keys of what they run.
 *
 * The consumer never writes run state: the scheduler reads the job (QueueEvents or the job hash)
 * and writes the run through the run store.
 */

export const TASK_JOB_NAME = 'task';

/** The BullMQ queue of a cluster's pods. */
export function clusterQueueName(clusterId: string): string {
  return `cluster-${clusterId}`;
}

/** The BullMQ job id of one attempt of a task run (never all digits: BullMQ refuses those). */
export function taskJobId(taskRunId: number, attempt: number): string {
  return `${taskRunId}-${attempt}`;
}

export function parseTaskJobId(jobId: string): { taskRunId: number; attempt: number } | undefined {
  const match = /^(\d+)-(\d+)$/.exec(jobId);
  if (!match) return undefined;
  return { taskRunId: Number(match[1]), attempt: Number(match[2]) };
}

export const CANCEL_CHANNEL = 'brickyard:scheduler:cancel';
export const cancelKey = (jobId: string): string => `brickyard:scheduler:cancel:${jobId}`;
/** How long a cancel request is kept: longer than any task is expected to wait in a queue. */
export const CANCEL_TTL_SECONDS = 24 * 3600;

export type StopReason = 'CANCELED' | 'TIMEDOUT';

export interface TaskJobData {
  workspaceId: number;
  jobId?: number;
  runId: number;
  taskRunId: number;
  /** 0 for the first attempt, then one more per retry. */
  attempt: number;
  /** The task with the run's parameters applied (python_params replace the file's parameters). */
  task: ExecutableTask;
  /** Job parameters and legacy run-now parameters: they override notebook and SQL defaults. */
  parameters: Record<string, string>;
  /** Task key -> task run id of each upstream task, for dbutils.jobs.taskValues.get. */
  upstream: Record<string, number>;
  /** The task's own timeout (0 or absent: none), counted from when the consumer starts it. */
  timeoutSeconds?: number;
  /** The cluster's spark_env_vars. */
  environment?: Record<string, string>;
  /** When the scheduler added the job (epoch ms). */
  dispatchedAt: number;
  /**
   * The credential the attempt acts with: the run's run-as user's grants (common compute-callers).
   * Absent in jobs dispatched before it was sent: those act as the cluster's creator.
   */
  computeCaller?: string;
}

/** What the consumer returns: small, the full output is in the output key. */
export interface TaskJobResult {
  result: TaskResult;
  /** Set when the task was stopped by its own timeout (result CANCELED). */
  timedOut?: boolean;
  /** Set when the task was stopped on the scheduler's request (result CANCELED). */
  stopReason?: StopReason;
  error?: string;
  exitValue?: string;
  /** When the consumer started and finished the task (epoch ms). */
  startedAt: number;
  finishedAt: number;
}
