import type { SparkSubmitCommand } from '../task-types.js';
import type { DaemonExit } from './daemon-process.js';

/** The Spark side of a cluster pod, as the runtime's main sees it. */
export interface SparkDaemons {
  /** For /readyz: the driver serves Spark Connect sessions; a worker is registered with the master. */
  readonly ready: boolean;
  /** For /readyz's body: the mode and why the pod is not ready yet. */
  readonly detail: Record<string, unknown>;
  /** Resolves the first time the pod is ready (the driver consumes tasks from then on). */
  readonly firstReady: Promise<void>;
  /** Resolves when a daemon exits unasked: the runtime then exits non-zero, and the pod restarts. */
  readonly failed: Promise<DaemonExit>;
  /** The Spark Connect URL the tasks of a driver use (their SPARK_REMOTE); none on a worker. */
  readonly sparkRemote: string | undefined;
  /** spark-submit with the cluster's settings, for tasks that submit applications; none on a worker. */
  readonly sparkSubmit: SparkSubmitCommand | undefined;
  /** How long stop() may spend before it stops the JVMs (a worker's graceful decommissioning). */
  readonly drainMs: number;
  /** Stops the JVMs (SIGTERM, then SIGKILL after `graceMs`) and cleans up after them. */
  stop(graceMs: number): Promise<void>;
}
