import { DEFAULT_MAX_CONCURRENT_RUNS, type RunRecord } from '@brickyard/common/runs';

/**
 * max_concurrent_runs: how many runs of a job may be past QUEUED and not finished. A queued run is
 * admitted when the job has room and no older run of the job is waiting (first in, first out);
 * otherwise it waits in the queue when the job queues runs (`queue.enabled`), or is skipped. A
 * limit of 0 skips every run. One-time runs (runs/submit) have no job and no limit.
 *
 * The counts live in memory: the scheduler that holds the lead is the only one claiming runs, and
 * it rebuilds them from the run store when it takes the lead.
 */

export type AdmissionDecision =
  | { kind: 'admit' }
  | { kind: 'hold'; limit: number }
  | { kind: 'skip'; limit: number };

type RunRef = Pick<RunRecord, 'workspace_id' | 'job_id' | 'run_id'>;

function jobKey(run: RunRef): string | undefined {
  return run.job_id === undefined ? undefined : `${run.workspace_id}:${run.job_id}`;
}

export class AdmissionControl {
  private readonly active = new Map<string, Set<number>>();
  /** Runs waiting for room, by job: run id -> queued at. */
  private readonly waiting = new Map<string, Map<number, number>>();

  /** Counts a run that is claimed and not finished (when rebuilding after taking the lead). */
  track(run: RunRef): void {
    const key = jobKey(run);
    if (!key) return;
    const runs = this.active.get(key) ?? new Set<number>();
    runs.add(run.run_id);
    this.active.set(key, runs);
  }

  activeCount(run: RunRef): number {
    const key = jobKey(run);
    return key ? (this.active.get(key)?.size ?? 0) : 0;
  }

  /** Decides for a QUEUED run; an admitted run counts as active from here on. */
  decide(
    run: Pick<RunRecord, 'workspace_id' | 'job_id' | 'run_id' | 'start_time' | 'settings'>,
  ): AdmissionDecision {
    const key = jobKey(run);
    if (!key) return { kind: 'admit' };
    const limit = run.settings.max_concurrent_runs ?? DEFAULT_MAX_CONCURRENT_RUNS;
    const queueing = run.settings.queue?.enabled === true;
    const active = this.active.get(key) ?? new Set<number>();
    if (active.has(run.run_id)) return { kind: 'admit' };
    if (limit <= 0) {
      this.forgetWaiting(run);
      return { kind: 'skip', limit: 0 };
    }
    const waiting = this.waiting.get(key) ?? new Map<number, number>();
    waiting.set(run.run_id, run.start_time);
    this.waiting.set(key, waiting);
    const first = this.oldestWaiting(waiting);
    if (active.size < limit && (!queueing || first === run.run_id)) {
      this.forgetWaiting(run);
      active.add(run.run_id);
      this.active.set(key, active);
      return { kind: 'admit' };
    }
    if (queueing) return { kind: 'hold', limit };
    this.forgetWaiting(run);
    return { kind: 'skip', limit };
  }

  /**
   * The run is finished (or its claim did not happen): its slot is free. Returns the runs of the
   * job that may now be admitted, oldest first.
   */
  release(run: RunRef): number[] {
    const key = jobKey(run);
    if (!key) return [];
    const active = this.active.get(key);
    active?.delete(run.run_id);
    if (active?.size === 0) this.active.delete(key);
    const waiting = this.waiting.get(key);
    if (!waiting) return [];
    return [...waiting.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([runId]) => runId);
  }

  forgetWaiting(run: RunRef): void {
    const key = jobKey(run);
    if (!key) return;
    const waiting = this.waiting.get(key);
    waiting?.delete(run.run_id);
    if (waiting?.size === 0) this.waiting.delete(key);
  }

  /** Drops waiting runs that are no longer queued (canceled while they waited, deleted). */
  retainWaiting(queued: ReadonlySet<number>): void {
    for (const [key, waiting] of this.waiting) {
      for (const runId of waiting.keys()) if (!queued.has(runId)) waiting.delete(runId);
      if (waiting.size === 0) this.waiting.delete(key);
    }
  }

  clear(): void {
    this.active.clear();
    this.waiting.clear();
  }

  private oldestWaiting(waiting: ReadonlyMap<number, number>): number | undefined {
    let best: [number, number] | undefined;
    for (const entry of waiting) {
      if (!best || entry[1] < best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
    }
    return best?.[0];
  }
}
