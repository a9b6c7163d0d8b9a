import { createRedisConnection } from '@brickyard/common/redis-connection';
import {
  CANCEL_CHANNEL,
  CANCEL_TTL_SECONDS,
  cancelKey,
  clusterQueueName,
  type StopReason,
  TASK_JOB_NAME,
  type TaskJobData,
  type TaskJobResult,
} from '@brickyard/common/tasks';
import { clusterDemandKey } from '@brickyard/common/vocabulary';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Gauge } from 'prom-client';
import type { JobObservation } from '../runs/observations.js';

/**
 * The producer side of the per-cluster queues: adds task attempts with their deterministic job
 * ids, reads their jobs back, delivers stop requests, follows each queue's events (a job became
 * active, completed or failed) and keeps the cluster's demand hash for the autoscaler:
 *
 *   brickyard:cluster:<clusterId>:demand   HASH queued (added, not started), running (started,
 *   (vocabulary clusterDemandKey)          not finished), updated_at (epoch ms)
 */

const IDLE_CLOSE_MS = 5 * 60_000;
const DEMAND_DEBOUNCE_MS = 50;

interface ClusterQueue {
  queue: Queue<TaskJobData, TaskJobResult>;
  events: QueueEvents;
  eventsConnection: Redis;
  lastUsed: number;
  demandTimer?: NodeJS.Timeout | undefined;
}

export interface ClusterQueuesOptions {
  redis: Redis;
  redisUrl: string;
  log: Logger;
  retentionSeconds: number;
  /** A job of a cluster's queue changed state (active, completed, failed, removed, stalled). */
  onJobEvent: (clusterId: string, jobId: string) => void;
  /** Set to each open queue's waiting attempts whenever its demand is refreshed. */
  queueDepth: Gauge<'cluster_id'>;
}

export class ClusterQueues {
  private readonly queues = new Map<string, ClusterQueue>();
  private readonly opening = new Map<string, Promise<ClusterQueue>>();
  private closed = false;

  constructor(private readonly options: ClusterQueuesOptions) {}

  private async open(clusterId: string): Promise<ClusterQueue> {
    const existing = this.queues.get(clusterId);
    if (existing) {
      existing.lastUsed = Date.now();
      return existing;
    }
    let pending = this.opening.get(clusterId);
    if (!pending) {
      pending = this.create(clusterId).finally(() => this.opening.delete(clusterId));
      this.opening.set(clusterId, pending);
    }
    return pending;
  }

  private async create(clusterId: string): Promise<ClusterQueue> {
    const name = clusterQueueName(clusterId);
    const queue = new Queue<TaskJobData, TaskJobResult>(name, { connection: this.options.redis });
    // Follow the events from now on, even those written before the first read of the stream.
    const last = await this.options.redis.xrevrange(`bull:${name}:events`, '+', '-', 'COUNT', 1);
    const lastEventId = last[0]?.[0] ?? '0-0';
    const eventsConnection = createRedisConnection(this.options.redisUrl);
    eventsConnection.on('error', (error: unknown) =>
      this.options.log.debug({ err: error }, 'Redis connection failed'),
    );
    const events = new QueueEvents(name, { connection: eventsConnection, lastEventId });
    const changed = ({ jobId }: { jobId: string }) => {
      this.options.onJobEvent(clusterId, jobId);
      this.refreshDemandSoon(clusterId);
    };
    events.on('active', changed);
    events.on('completed', changed);
    events.on('failed', changed);
    events.on('removed', changed);
    events.on('stalled', changed);
    events.on('error', (error) => this.options.log.warn({ err: error, queue: name }, 'Queue events failed'));
    queue.on('error', (error) => this.options.log.warn({ err: error, queue: name }, 'Queue failed'));
    const entry: ClusterQueue = { queue, events, eventsConnection, lastUsed: Date.now() };
    this.queues.set(clusterId, entry);
    return entry;
  }

  /** Adds one attempt of a task; adding the same job id again does nothing. */
  async dispatch(clusterId: string, jobId: string, data: TaskJobData): Promise<void> {
    const { queue } = await this.open(clusterId);
    const age = this.options.retentionSeconds;
    await queue.add(TASK_JOB_NAME, data, {
      jobId,
      attempts: 1,
      removeOnComplete: { age },
      removeOnFail: { age },
    });
    this.refreshDemandSoon(clusterId);
  }

  /** What became of a job; 'missing' when it was never added, was removed or has expired. */
  async observe(clusterId: string, jobId: string): Promise<JobObservation> {
    const { queue } = await this.open(clusterId);
    const job = await queue.getJob(jobId);
    if (!job) return { state: 'missing' };
    const base = {
      ...(job.processedOn ? { processedOn: job.processedOn } : {}),
      ...(job.finishedOn ? { finishedOn: job.finishedOn } : {}),
    };
    if (job.finishedOn && job.failedReason)
      return { state: 'failed', failedReason: job.failedReason, ...base };
    if (job.finishedOn) return { state: 'completed', result: job.returnvalue, ...base };
    return { state: job.processedOn ? 'active' : 'waiting', ...base };
  }

  /**
   * Asks for an attempt to stop: a key its consumer polls and a message on the channel; a job no
   * consumer has taken yet is removed from the queue instead. With `force`, a taken job is
   * removed too once its lock has lapsed (its consumer is gone).
   */
  async stop(clusterId: string, jobId: string, reason: StopReason, force = false): Promise<void> {
    const { redis } = this.options;
    await redis.set(cancelKey(jobId), reason, 'EX', CANCEL_TTL_SECONDS);
    await redis.publish(CANCEL_CHANNEL, jobId);
    const { queue } = await this.open(clusterId);
    const job = await queue.getJob(jobId);
    if (job && !job.finishedOn && (force || !job.processedOn)) {
      // 0 when a consumer holds it by now: then the consumer sees the key.
      await queue.remove(jobId).catch(() => 0);
      this.options.onJobEvent(clusterId, jobId);
    }
    this.refreshDemandSoon(clusterId);
  }

  private refreshDemandSoon(clusterId: string): void {
    const entry = this.queues.get(clusterId);
    if (!entry || entry.demandTimer || this.closed) return;
    entry.demandTimer = setTimeout(() => {
      entry.demandTimer = undefined;
      this.refreshDemand(clusterId).catch((error: unknown) =>
        this.options.log.warn({ err: error, clusterId }, 'Failed to update cluster demand'),
      );
    }, DEMAND_DEBOUNCE_MS);
  }

  /** Writes the demand hash of a cluster from its queue's counts. */
  async refreshDemand(clusterId: string): Promise<{ queued: number; running: number }> {
    const { queue } = await this.open(clusterId);
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
    const queued = (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0);
    const running = counts.active ?? 0;
    this.options.queueDepth.set({ cluster_id: clusterId }, queued);
    await this.options.redis.hset(clusterDemandKey(clusterId), {
      queued: String(queued),
      running: String(running),
      updated_at: String(Date.now()),
    });
    return { queued, running };
  }

  /** Refreshes every open queue's demand, and closes queues idle for a while. */
  async refreshAll(inUse: ReadonlySet<string>): Promise<void> {
    const now = Date.now();
    for (const [clusterId, entry] of this.queues) {
      if (inUse.has(clusterId)) entry.lastUsed = now;
      const demand = await this.refreshDemand(clusterId);
      if (now - entry.lastUsed > IDLE_CLOSE_MS && demand.queued === 0 && demand.running === 0) {
        this.queues.delete(clusterId);
        this.options.queueDepth.remove({ cluster_id: clusterId });
        await this.closeEntry(entry);
      }
    }
  }

  private async closeEntry(entry: ClusterQueue): Promise<void> {
    clearTimeout(entry.demandTimer);
    await entry.events.close().catch(() => undefined);
    await entry.queue.close().catch(() => undefined);
    entry.eventsConnection.disconnect();
  }

  async close(): Promise<void> {
    this.closed = true;
    const entries = [...this.queues.values()];
    this.queues.clear();
    this.options.queueDepth.reset();
    await Promise.all(entries.map((entry) => this.closeEntry(entry)));
  }
}
