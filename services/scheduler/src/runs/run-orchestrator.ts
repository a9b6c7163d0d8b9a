import { ComputeCallers } from '@brickyard/common/compute-callers';
import { WorkQueue } from '@brickyard/common/kube';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import type { RunStore } from '@brickyard/common/runs';
import { isTerminal, RunKeys, type RunRecord } from '@brickyard/common/runs';
import { parseTaskJobId, taskJobId } from '@brickyard/common/tasks';
import { workspaceNamespace } from '@brickyard/common/vocabulary';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ClusterDirectory } from '../clusters/cluster-directory.js';
import type { ClusterQueues } from '../dispatch/cluster-queues.js';
import type { SchedulerMetrics } from '../metrics.js';
import type { WarehouseDirectory } from '../warehouses/warehouse-directory.js';
import { AdmissionControl } from './admission.js';
import { RUN_ID_LABEL } from './compute.js';
import { FollowedRuns } from './followed-runs.js';
import { isMarkedFinished, jobClusterCleanup } from './job-cluster-cleanup.js';
import type { JobObservation, RunObservations } from './observations.js';
import { claimRun, holdInQueue, skipRun } from './queue-transitions.js';
import { runActions } from './run-actions.js';
import { type BookedRun, booked, isTaskDone } from './run-book.js';
import { performActions, type RunEffectsDeps } from './run-effects.js';
import { type Plan, type PlanSettings, planRun } from './run-plan.js';
import { recordRunFinished, recordTaskStarts, reportRunStates } from './run-reporting.js';
import { scanRuns } from './run-scan.js';

/**
 * The leader's run loop. Level-triggered: every wake-up (a new run on the channel, a queue event,
 * a cluster change, a timer, the poll) only says "look at run N"; a look reads the run, observes
 * its jobs and clusters, plans the next state (planRun, pure), writes it by compare-and-set through
 * the run store, then performs the effects the written run needs (runActions, idempotent).
 *
 * Queued runs are found by scanning each workspace's hand-off list at start and on every poll,
 * besides the channel; active runs (the workspace's `runs:active` list) are resumed the same way
 * after a restart or a change of leader. Cancellation is noticed by polling active runs for
 * `cancel_requested`.
 */

export interface OrchestratorOptions {
  redis: Redis;
  redisUrl: string;
  runs: RunStore;
  clusters: ClusterDirectory;
  /** SQL warehouses and saved queries, for sql_tasks. */
  warehouses: WarehouseDirectory;
  queues: ClusterQueues;
  metrics: SchedulerMetrics;
  log: Logger;
  workers: number;
  /** Whether this scheduler takes the runs of a workspace (see served-workspaces.ts). */
  serves: (workspaceId: number) => boolean;
  pollIntervalMs: number;
  resyncIntervalMs: number;
  plan: PlanSettings;
}

export class RunOrchestrator {
  private readonly queue: WorkQueue;
  private readonly admission = new AdmissionControl();
  private readonly followed = new FollowedRuns();
  private subscriber: Redis | undefined;
  private timers: NodeJS.Timeout[] = [];
  private loops: Promise<void>[] = [];
  private stopped = false;
  private polling = false;
  private held = new Set<number>();
  private readonly effects: RunEffectsDeps;

  constructor(private readonly options: OrchestratorOptions) {
    this.queue = new WorkQueue({ onDepthChange: (depth) => options.metrics.queueDepth.set(depth) });
    const { queues, clusters, warehouses, metrics, log } = options;
    this.effects = {
      queues,
      computeCallers: new ComputeCallers(options.redis),
      clusters,
      warehouses,
      metrics,
      log,
      onDispatched: (jobId, runId) => this.followed.noteJob(jobId, runId),
    };
  }

  async start(): Promise<void> {
    const { log, clusters, pollIntervalMs, resyncIntervalMs } = this.options;
    await clusters.synced;
    await this.options.warehouses.synced;
    await this.refreshHeld();
    await this.resume();
    this.subscriber = createRedisConnection(this.options.redisUrl);
    this.subscriber.on('message', (_channel: string, message: string) => {
      const separator = message.indexOf(':');
      const runId = Number(message.slice(separator + 1));
      if (!this.serves(Number(message.slice(0, separator)))) return;
      if (Number.isSafeInteger(runId)) this.look(runId);
    });
    this.subscriber.on('error', (error: unknown) =>
      log.debug({ err: error }, 'Run channel connection failed'),
    );
    await this.subscriber.subscribe(RunKeys.queuedChannel);
    for (let i = 0; i < this.options.workers; i++) this.loops.push(this.work());
    this.timers.push(setInterval(() => void this.poll(), pollIntervalMs));
    this.timers.push(setInterval(() => void this.resync(), resyncIntervalMs));
    log.info({ followed: this.followed.size }, 'Started run orchestrator');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.queue.shutDownWithDrain();
    await Promise.all(this.loops);
    if (this.subscriber) {
      this.subscriber.disconnect();
      this.subscriber = undefined;
    }
    this.admission.clear();
    this.followed.clear();
  }

  private serves(workspaceId: number): boolean {
    if (this.held.has(workspaceId)) return false;
    return this.options.serves(workspaceId);
  }

  /** Reads the held workspaces, whose runs stay queued until they are released. */
  private async refreshHeld(): Promise<void> {
    this.held = new Set((await this.options.redis.smembers(RunKeys.heldWorkspaces)).map(Number));
  }

  /** Asks for a look at a run. */
  look(runId: number): void {
    if (!this.stopped) this.queue.add(String(runId));
  }

  /** A job of a cluster queue changed. */
  onJobEvent(_clusterId: string, jobId: string): void {
    const runId = this.followed.runOfJob(jobId);
    if (runId !== undefined) {
      this.look(runId);
      return;
    }
    const parsed = parseTaskJobId(jobId);
    if (!parsed) return;
    this.options.runs
      .lookup(parsed.taskRunId)
      .then((found) => {
        if (found) this.look(found.run.record.run_id);
      })
      .catch(() => undefined);
  }

  /** A cluster changed: look at the runs waiting for it, and at the run a job cluster belongs to. */
  onClusterChange(clusterId: string, runLabel: string | undefined): void {
    if (runLabel && /^\d+$/.test(runLabel)) this.look(Number(runLabel));
    for (const runId of this.followed.waitingFor(clusterId)) this.look(runId);
  }

  get activeRuns(): number {
    return this.followed.size;
  }

  /** Clusters that tasks of followed runs use or wait for. */
  clustersInUse(): Set<string> {
    return this.followed.clustersInUse();
  }

  private async work(): Promise<void> {
    const { log, metrics } = this.options;
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      const started = process.hrtime.bigint();
      try {
        const delay = await this.reconcile(Number(key));
        this.queue.forget(key);
        if (delay !== undefined) this.queue.addAfter(key, delay);
        metrics.reconciles.inc({ result: 'success' });
      } catch (error) {
        metrics.reconciles.inc({ result: 'error' });
        log.warn(
          { err: error, runId: key, failures: this.queue.failuresOf(key) + 1 },
          'Failed to reconcile run',
        );
        this.queue.addRateLimited(key);
      } finally {
        metrics.reconcileDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
        this.queue.done(key);
      }
    }
  }

  /** Lists every workspace's queued and active runs: at start, and on every poll. */
  private scan(): Promise<{ queued: number[]; active: number[] }> {
    return scanRuns(this.options.redis, (workspaceId) => this.serves(workspaceId));
  }

  /** Taking the lead: count the runs already claimed (per job), then look at everything. */
  private async resume(): Promise<void> {
    const { queued, active } = await this.scan();
    const queuedSet = new Set(queued);
    const claimed = await this.options.runs.getMany(active.filter((id) => !queuedSet.has(id)));
    for (const { record } of claimed) {
      if (isTerminal(record.state.life_cycle_state) || record.state.life_cycle_state === 'QUEUED') continue;
      this.admission.track(record);
      this.followed.follow(booked(record));
      this.look(record.run_id);
    }
    for (const runId of queued) this.look(runId);
  }

  private async poll(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    try {
      await this.refreshHeld();
      const { queued, active } = await this.scan();
      reportRunStates(this.options.metrics, queued.length, this.followed.values());
      this.admission.retainWaiting(new Set(queued));
      for (const runId of queued) this.look(runId);
      const queuedSet = new Set(queued);
      for (const runId of active) if (!queuedSet.has(runId) && !this.followed.has(runId)) this.look(runId);
      // runs/cancel only marks the run: find the marked ones.
      const followedIds = this.followed.ids();
      for (const { record } of await this.options.runs.getMany(followedIds)) {
        const run = this.followed.get(record.run_id);
        if (record.cancel_requested && run && !run.stopping) this.look(record.run_id);
      }
    } catch (error) {
      this.options.log.warn({ err: error }, 'Failed to poll runs');
    } finally {
      this.polling = false;
    }
  }

  private async resync(): Promise<void> {
    if (this.stopped) return;
    for (const runId of this.followed.ids()) this.look(runId);
    this.options.metrics.activeRuns.set(this.followed.size);
    try {
      await this.sweepJobClusters();
      await this.options.queues.refreshAll(this.clustersInUse());
    } catch (error) {
      this.options.log.warn({ err: error }, 'Failed to resync');
    }
  }

  /**
   * Job clusters whose run is over but that were never marked so (a crash between the last write
   * and the mark, or a cleanup that timed out) are marked, for the operator to terminate them. A
   * cluster whose run this Redis does not know is left alone: it may belong to another
   * scheduler's store.
   */
  private async sweepJobClusters(): Promise<void> {
    const { clusters, runs, log } = this.options;
    for (const cluster of clusters.allJobClusters()) {
      if (cluster.metadata.deletionTimestamp || isMarkedFinished(cluster)) continue;
      const runId = Number(cluster.metadata.labels?.[RUN_ID_LABEL]);
      if (!Number.isSafeInteger(runId) || this.followed.has(runId)) continue;
      const stored = await runs.get(runId);
      if (!stored || !this.serves(stored.record.workspace_id)) continue;
      // A run of the same id in another workspace (another scheduler's store) is not its run.
      if (cluster.metadata.namespace !== workspaceNamespace(stored.record.workspace_id)) continue;
      if (!isTerminal(stored.record.state.life_cycle_state)) continue;
      await clusters.markRunFinished(cluster, Date.now());
      log.info({ clusterId: cluster.metadata.name, runId }, 'Marked job cluster of a finished run');
    }
  }

  /** A run is over: free its job's slot (and look at the runs waiting for it), forget it. */
  private finished(run: RunRecord): void {
    this.followed.forget(run);
    this.admission.forgetWaiting(run);
    for (const next of this.admission.release(run)) this.look(next);
  }

  private observeClusters(run: RunRecord): Omit<RunObservations, 'jobs'> {
    const { clusters, warehouses } = this.options;
    const cleanup = jobClusterCleanup(clusters.jobClustersOf(run.workspace_id, run.run_id));
    return {
      cluster: (clusterId) => clusters.observe(run.workspace_id, clusterId),
      warehouse: (warehouseId) => warehouses.observe(run.workspace_id, warehouseId),
      savedQuery: (queryId) => warehouses.savedQuery(run.workspace_id, queryId),
      clusterPolicy: (policyId) => clusters.observePolicy(run.workspace_id, policyId),
      jobClustersLeft: cleanup.left,
      jobClustersToMark: cleanup.toMark,
    };
  }

  private async observe(run: BookedRun): Promise<RunObservations> {
    const jobs = new Map<string, JobObservation>();
    await Promise.all(
      run.tasks.map(async (task) => {
        const book = task.scheduler;
        if (isTaskDone(task) || book?.dispatched_at === undefined || book.cluster_id === undefined) return;
        const jobId = taskJobId(task.run_id, task.attempt_number);
        this.followed.noteJob(jobId, run.run_id);
        jobs.set(jobId, await this.options.queues.observe(book.cluster_id, jobId));
      }),
    );
    return { jobs, ...this.observeClusters(run) };
  }

  private async reconcile(runId: number): Promise<number | undefined> {
    const stored = await this.options.runs.get(runId);
    if (!stored) {
      this.followed.unfollow(runId);
      return undefined;
    }
    const run = booked(stored.record);
    if (!this.serves(run.workspace_id)) return undefined;
    if (isTerminal(run.state.life_cycle_state)) {
      this.finished(run);
      return undefined;
    }
    if (run.state.life_cycle_state === 'QUEUED') return this.admit(run);

    const observations = await this.observe(run);
    const now = Date.now();
    let plan: Plan | undefined;
    const written = await this.options.runs.update(runId, (fresh) => {
      if (fresh.state.life_cycle_state === 'QUEUED') return undefined;
      plan = planRun(fresh, observations, now, this.options.plan);
      return plan.changed ? plan.run : undefined;
    });
    if (!written) {
      this.followed.unfollow(runId);
      return undefined;
    }
    return this.afterWrite(run, booked(written), observations, plan, now);
  }

  private async admit(run: BookedRun): Promise<number | undefined> {
    const { runs, metrics, log } = this.options;
    const decision = this.admission.decide(run);
    if (decision.kind === 'hold') {
      await runs.update(run.run_id, (fresh) =>
        fresh.state.life_cycle_state === 'QUEUED' ? holdInQueue(fresh, decision.limit) : undefined,
      );
      return undefined;
    }
    if (decision.kind === 'skip') {
      const written = await runs.update(run.run_id, (fresh) =>
        fresh.state.life_cycle_state === 'QUEUED' ? skipRun(fresh, Date.now(), decision.limit) : undefined,
      );
      if (written?.state.life_cycle_state === 'SKIPPED') {
        metrics.runsSkipped.inc();
        metrics.runsFinished.inc({ result: 'MAXIMUM_CONCURRENT_RUNS_REACHED' });
        log.info({ runId: run.run_id, jobId: run.job_id, limit: decision.limit }, 'Skipped run');
      }
      return undefined;
    }
    const now = Date.now();
    const observations: RunObservations = { jobs: new Map(), ...this.observeClusters(run) };
    let plan: Plan | undefined;
    const written = await runs.update(run.run_id, (fresh) => {
      if (fresh.state.life_cycle_state !== 'QUEUED') return undefined;
      plan = planRun(claimRun(fresh, now), observations, now, this.options.plan);
      return plan.run;
    });
    if (!written || isTerminal(written.state.life_cycle_state) || !plan) {
      // Canceled while queued, deleted, or claimed elsewhere: not ours to run.
      for (const next of this.admission.release(run)) this.look(next);
      if (written && !isTerminal(written.state.life_cycle_state)) this.look(run.run_id);
      return undefined;
    }
    metrics.runsClaimed.inc();
    log.debug({ runId: run.run_id, jobId: run.job_id, queuedMs: now - run.start_time }, 'Claimed run');
    return this.afterWrite(run, booked(written), observations, plan, now);
  }

  /** After a write: follow or finish the run, perform its effects, and say when to look again. */
  private async afterWrite(
    before: BookedRun,
    run: BookedRun,
    observations: RunObservations,
    plan: Plan | undefined,
    now: number,
  ): Promise<number | undefined> {
    const { metrics, log } = this.options;
    recordTaskStarts(metrics, before, run);
    if (isTerminal(run.state.life_cycle_state)) {
      recordRunFinished(metrics, log, before, run);
      this.finished(run);
      return undefined;
    }
    this.followed.follow(run);
    await performActions(run, runActions(run, observations, now), this.effects);
    return plan?.wakeAt === undefined ? undefined : Math.max(0, plan.wakeAt - Date.now());
  }
}
