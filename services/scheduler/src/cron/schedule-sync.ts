import type { JobResource } from '@brickyard/common/crd';
import { toSnakeCase } from '@brickyard/common/crd';
import {
  type CachedInformer,
  customResourceInformer,
  mergePatch,
  type ObjectCache,
} from '@brickyard/common/kube';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import type { RunStore } from '@brickyard/common/runs';
import { JobSpec } from '@brickyard/common/schema';
import { GROUP, VERSION } from '@brickyard/common/vocabulary';
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { SchedulerMetrics } from '../metrics.js';
import { type DesiredSchedule, desiredSchedules, scheduleId, workspaceIdOf } from './desired-schedules.js';
import { periodicRunDraft } from './periodic-run.js';

/**
 * Job schedules as BullMQ job schedulers on one queue: each Job with an UNPAUSED schedule has one
 * (its quartz expression converted, its timezone_id as tz); paused, removed or deleted schedules
 * lose theirs. Each tick is a job on the same queue whose processor creates a PERIODIC run through
 * the run store, the way run-now does, with an idempotency token of job and fire time.
 */

export const SCHEDULES_QUEUE = 'brickyard-schedules';
const PERIODIC_RUN = 'periodic-run';
const FIELD_MANAGER = 'brickyard-scheduler';
const RESYNC_MS = 30_000;
const SYNC_DEBOUNCE_MS = 100;

interface PeriodicRunData {
  workspaceId: number;
  jobId: number;
  namespace: string;
  name: string;
}

export interface ScheduleSyncOptions {
  redis: Redis;
  redisUrl: string;
  kubeConfig: KubeConfig;
  runs: RunStore;
  apiUrl: string;
  metrics: SchedulerMetrics;
  log: Logger;
  /** Whether this scheduler keeps the schedules of a workspace's jobs (see served-workspaces.ts). */
  serves: (workspaceId: number) => boolean;
}

/** The fire time of a scheduler's job: its id ends with it (`repeat:<scheduler>:<millis>`). */
export function fireTimeOf(job: Pick<Job, 'id' | 'timestamp'>): number {
  const tail = job.id?.slice(job.id.lastIndexOf(':') + 1) ?? '';
  return /^\d+$/.test(tail) ? Number(tail) : job.timestamp;
}

export class ScheduleSync {
  private readonly api: CustomObjectsApi;
  private readonly informer: CachedInformer<JobResource>;
  private readonly cache: ObjectCache<JobResource>;
  private readonly queue: Queue<PeriodicRunData>;
  private worker: Worker<PeriodicRunData> | undefined;
  private workerConnection: Redis | undefined;
  private timer: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private syncing: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Schedules that could not be converted, reported once each. */
  private readonly reported = new Set<string>();

  constructor(private readonly options: ScheduleSyncOptions) {
    this.api = options.kubeConfig.makeApiClient(CustomObjectsApi);
    this.informer = customResourceInformer<JobResource>({
      name: 'jobs',
      kubeConfig: options.kubeConfig,
      type: { group: GROUP, version: VERSION, plural: 'jobs' },
      log: options.log,
    });
    this.cache = this.informer.cache;
    this.informer.onChange(() => this.syncSoon());
    this.queue = new Queue<PeriodicRunData>(SCHEDULES_QUEUE, { connection: options.redis });
    this.queue.on('error', (error) => options.log.warn({ err: error }, 'Schedules queue failed'));
  }

  async start(): Promise<void> {
    await this.informer.start();
    await this.informer.synced;
    await this.sync();
    this.workerConnection = createRedisConnection(this.options.redisUrl);
    this.workerConnection.on('error', (error: unknown) =>
      this.options.log.debug({ err: error }, 'Redis connection failed'),
    );
    this.worker = new Worker<PeriodicRunData>(SCHEDULES_QUEUE, (job) => this.createRun(job), {
      connection: this.workerConnection,
      concurrency: 4,
    });
    this.worker.on('failed', (job, error) =>
      this.options.log.warn({ err: error, jobId: job?.id }, 'Failed to start a scheduled run'),
    );
    this.worker.on('error', (error) => this.options.log.warn({ err: error }, 'Schedules worker failed'));
    this.timer = setInterval(() => this.syncSoon(), RESYNC_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.debounce);
    await this.worker?.close();
    this.workerConnection?.disconnect();
    await this.informer.stop();
    await this.syncing.catch(() => undefined);
    await this.queue.close();
  }

  private syncSoon(): void {
    if (this.stopped || this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      this.syncing = this.syncing
        .then(() => this.sync())
        .catch((error: unknown) => this.options.log.warn({ err: error }, 'Failed to sync job schedules'));
    }, SYNC_DEBOUNCE_MS);
  }

  /** Makes the job schedulers match the Jobs' schedules. */
  async sync(): Promise<void> {
    if (this.stopped) return;
    const { log, metrics } = this.options;
    const { serves } = this.options;
    const jobs = this.cache.list().filter((job) => serves(workspaceIdOf(job) ?? -1));
    const { schedules, problems } = desiredSchedules(jobs);
    for (const problem of problems) {
      const key = `${problem.namespace}/${problem.name}:${problem.error}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      log.warn(problem, 'Cannot schedule job');
    }
    const existing = new Map(
      (await this.queue.getJobSchedulers(0, -1)).map((scheduler) => [scheduler.key, scheduler]),
    );
    const wanted = new Set<string>();
    for (const schedule of schedules) {
      wanted.add(schedule.id);
      const current = existing.get(schedule.id);
      if (current && current.pattern === schedule.pattern && current.tz === schedule.tz) {
        await this.writeNextRunTime(schedule, current.next);
        continue;
      }
      const next = await this.upsert(schedule);
      log.info({ jobId: schedule.jobId, pattern: schedule.pattern, tz: schedule.tz }, 'Scheduled job');
      await this.writeNextRunTime(schedule, next);
    }
    for (const key of existing.keys()) {
      if (wanted.has(key)) continue;
      await this.queue.removeJobScheduler(key);
      log.info({ scheduler: key }, 'Removed job schedule');
    }
    metrics.schedules.set(wanted.size);
  }

  private async upsert(schedule: DesiredSchedule): Promise<number | undefined> {
    const first = await this.queue.upsertJobScheduler(
      schedule.id,
      { pattern: schedule.pattern, tz: schedule.tz },
      {
        name: PERIODIC_RUN,
        data: {
          workspaceId: schedule.workspaceId,
          jobId: schedule.jobId,
          namespace: schedule.namespace,
          name: schedule.name,
        },
        opts: { removeOnComplete: { age: 3600 }, removeOnFail: { age: 24 * 3600 } },
      },
    );
    return first.timestamp + (first.opts.delay ?? 0);
  }

  /** status.next_run_time of the Job (the scheduler writes Job status), when it changed. */
  private async writeNextRunTime(schedule: DesiredSchedule, next: number | undefined): Promise<void> {
    if (next === undefined) return;
    const job = this.cache.get(schedule.namespace, schedule.name);
    if (!job || job.status?.nextRunTime === next) return;
    try {
      const updated = (await this.api.patchNamespacedCustomObjectStatus(
        {
          group: GROUP,
          version: VERSION,
          plural: 'jobs',
          namespace: schedule.namespace,
          name: schedule.name,
          body: { status: { nextRunTime: next } },
          fieldManager: FIELD_MANAGER,
        },
        mergePatch,
      )) as JobResource;
      this.cache.upsert(updated);
    } catch (error) {
      this.options.log.debug({ err: error, job: schedule.name }, 'Failed to write the next run time');
    }
  }

  /** One tick of a schedule: a PERIODIC run of the job, unless the schedule went away meanwhile. */
  private async createRun(tick: Job<PeriodicRunData>): Promise<{ runId?: number; skipped?: string }> {
    const { runs, metrics, log, apiUrl } = this.options;
    const { workspaceId, jobId, namespace, name } = tick.data;
    const resource = this.cache.get(namespace, name);
    const spec =
      resource && !resource.metadata.deletionTimestamp ? toSnakeCase(resource.spec, JobSpec) : undefined;
    const schedule = spec?.settings.schedule;
    if (!spec || spec.job_id !== jobId || !schedule || schedule.pause_status === 'PAUSED') {
      metrics.periodicRuns.inc({ result: 'skipped' });
      return { skipped: 'the job or its schedule is gone or paused' };
    }
    if ((spec.settings.tasks ?? []).length === 0) {
      metrics.periodicRuns.inc({ result: 'skipped' });
      return { skipped: 'the job has no tasks' };
    }
    const fireTime = fireTimeOf(tick);
    const result = await runs.submit(
      spec.settings.tasks?.length ?? 0,
      periodicRunDraft({ workspaceId, job: spec, host: apiUrl, fireTime, now: Date.now() }),
    );
    const runId = result.created ? result.run.run_id : result.existingRunId;
    metrics.periodicRuns.inc({ result: result.created ? 'created' : 'duplicate' });
    if (result.created) log.info({ jobId, runId, fireTime }, 'Started scheduled run');
    const next = (await this.queue.getJobScheduler(scheduleId(workspaceId, jobId)))?.next;
    const desired = { id: '', workspaceId, jobId, namespace, name, pattern: '', tz: '' };
    await this.writeNextRunTime(desired, next);
    return { runId };
  }
}
