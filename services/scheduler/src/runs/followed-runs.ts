import type { RunRecord } from '@brickyard/common/runs';
import { taskJobId } from '@brickyard/common/tasks';
import { taskCompute } from './compute.js';
import { type BookedRun, isTaskDone } from './run-book.js';

export interface FollowedRun {
  workspaceId: number;
  lifeCycleState: string;
  /** Clusters the run waits for (tasks ready, cluster not yet usable). */
  waitingFor: Set<string>;
  stopping: boolean;
}

/**
 * What the leader knows of the runs it follows (claimed, not over), as of their last write:
 * enough to route events without reading Redis, from a cluster to the runs waiting for it and
 * from a queue job to its run.
 */
export class FollowedRuns {
  private readonly runs = new Map<number, FollowedRun>();
  /** BullMQ job id -> run id, for queue events. */
  private readonly jobRuns = new Map<string, number>();

  get size(): number {
    return this.runs.size;
  }

  get(runId: number): FollowedRun | undefined {
    return this.runs.get(runId);
  }

  has(runId: number): boolean {
    return this.runs.has(runId);
  }

  ids(): number[] {
    return [...this.runs.keys()];
  }

  values(): IterableIterator<FollowedRun> {
    return this.runs.values();
  }

  /** Records the run as written: the clusters it waits for and the jobs of its dispatched attempts. */
  follow(run: BookedRun): void {
    const waitingFor = new Set<string>();
    for (const task of run.tasks) {
      if (isTaskDone(task)) continue;
      const book = task.scheduler;
      if (book?.cluster_id) waitingFor.add(book.cluster_id);
      else if (task.state.life_cycle_state === 'PENDING') {
        const compute = taskCompute(run, task);
        if (compute.kind === 'existing' || compute.kind === 'job' || compute.kind === 'warehouse')
          waitingFor.add(compute.clusterId);
      }
      if (book?.dispatched_at !== undefined)
        this.noteJob(taskJobId(task.run_id, task.attempt_number), run.run_id);
    }
    this.runs.set(run.run_id, {
      workspaceId: run.workspace_id,
      lifeCycleState: run.state.life_cycle_state,
      waitingFor,
      stopping: Boolean(run.scheduler?.stop),
    });
  }

  /** Stops following a run that is gone or not ours; its jobs stay known until it is over. */
  unfollow(runId: number): void {
    this.runs.delete(runId);
  }

  /** The run is over: forget it and the jobs of all its attempts. */
  forget(run: RunRecord): void {
    this.runs.delete(run.run_id);
    for (const task of run.tasks) {
      for (let attempt = 0; attempt <= task.attempt_number; attempt++)
        this.jobRuns.delete(taskJobId(task.run_id, attempt));
    }
  }

  noteJob(jobId: string, runId: number): void {
    this.jobRuns.set(jobId, runId);
  }

  runOfJob(jobId: string): number | undefined {
    return this.jobRuns.get(jobId);
  }

  /** The runs waiting for the cluster. */
  waitingFor(clusterId: string): number[] {
    return [...this.runs].flatMap(([runId, run]) => (run.waitingFor.has(clusterId) ? [runId] : []));
  }

  /** Clusters that tasks of followed runs use or wait for. */
  clustersInUse(): Set<string> {
    const ids = new Set<string>();
    for (const run of this.runs.values()) for (const id of run.waitingFor) ids.add(id);
    return ids;
  }

  clear(): void {
    this.runs.clear();
    this.jobRuns.clear();
  }
}
