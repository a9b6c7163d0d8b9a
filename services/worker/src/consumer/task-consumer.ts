import { hostname } from 'node:os';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { RunKeys } from '@brickyard/common/runs';
import type { ExecutableTask } from '@brickyard/common/tasks';
import {
  clusterQueueName,
  type StopReason,
  type TaskJobData,
  type TaskJobResult,
} from '@brickyard/common/tasks';
import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { executeTask } from '../execute-task.js';
import type { LibraryInstaller } from '../libraries/library-installer.js';
import type { RuntimeStorage } from '../storage/runtime-storage.js';
import type { SparkSubmitCommand, TaskContext, TaskOutcome } from '../task-types.js';
import { Cancellations } from './cancellations.js';
import type { ConsumerConfig } from './consumer-config.js';
import { taskJobResult, taskRunOutput, taskValuesOf } from './task-output.js';

/**
 * The runtime's queue consumer: a BullMQ worker on its cluster's queue that runs each task attempt
 * with executeTask, stops it when the scheduler asks (or its own timeout passes), stores the task
 * run's output and returns the result. It never writes run state.
 *
 * Delivery is at least once: if this process dies mid-task its lock lapses (lockDuration) and the
 * stalled check hands the attempt to another process of the cluster, which runs it again; the
 * scheduler records the attempt's end once, whoever reports it.
 */

/** Writes the output only while the run exists (a deleted run's outputs stay deleted). */
const STORE_OUTPUT = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('SET', KEYS[2], ARGV[1])
  return 1
end
return 0
`;

type Execute = (task: ExecutableTask, context: TaskContext) => Promise<TaskOutcome>;

export interface TaskConsumerOptions {
  config: Pick<
    ConsumerConfig,
    | 'clusterId'
    | 'workspaceId'
    | 'redisUrl'
    | 'concurrency'
    | 'lockDurationMs'
    | 'stalledIntervalMs'
    | 'maxStalledCount'
  >;
  storage: RuntimeStorage;
  log: Logger;
  /** The executor (default executeTask); benchmarks put a no-op here. */
  execute?: Execute;
  /** Called as an attempt starts (for benchmarks and metrics). */
  onStart?: (data: TaskJobData, startedAt: number) => void;
  onFinish?: (data: TaskJobData, result: TaskJobResult) => void;
  /** Name of this consumer in the jobs it takes (processedBy). */
  name?: string;
  /** Installs the task's own libraries beside the cluster's. */
  libraries?: LibraryInstaller;
  /** The driver's Spark Connect URL, on a Spark cluster: every task's session is on it. */
  sparkRemote?: string;
  /** spark-submit on the driver, on a Spark cluster: for spark_submit_task and spark_jar_task. */
  sparkSubmit?: SparkSubmitCommand;
}

export class TaskConsumer {
  private readonly redis: Redis;
  private readonly workerConnection: Redis;
  private readonly cancellations: Cancellations;
  private worker: Worker<TaskJobData, TaskJobResult> | undefined;
  private closing = false;
  readonly name: string;

  constructor(private readonly options: TaskConsumerOptions) {
    this.redis = createRedisConnection(options.config.redisUrl);
    this.workerConnection = createRedisConnection(options.config.redisUrl);
    const subscriber = createRedisConnection(options.config.redisUrl);
    this.cancellations = new Cancellations(this.redis, subscriber, options.log);
    this.name = options.name ?? `${hostname()}-${process.pid}`;
    for (const connection of [this.redis, this.workerConnection, subscriber]) {
      connection.on('error', (error: unknown) =>
        options.log.debug({ err: error }, 'Redis connection failed'),
      );
    }
  }

  get running(): boolean {
    return this.worker?.isRunning() ?? false;
  }

  get redisReady(): boolean {
    return this.redis.status === 'ready';
  }

  async start(): Promise<void> {
    const { config, log } = this.options;
    await this.cancellations.start();
    this.worker = new Worker<TaskJobData, TaskJobResult>(
      clusterQueueName(config.clusterId),
      (job) => this.process(job),
      {
        connection: this.workerConnection,
        concurrency: config.concurrency,
        lockDuration: config.lockDurationMs,
        stalledInterval: config.stalledIntervalMs,
        maxStalledCount: config.maxStalledCount,
        name: this.name,
      },
    );
    this.worker.on('error', (error) => log.warn({ err: error }, 'Queue consumer failed'));
    this.worker.on('stalled', (jobId) => log.warn({ jobId }, 'Task attempt stalled; handed over'));
    await this.worker.waitUntilReady();
    log.info(
      { queue: clusterQueueName(config.clusterId), concurrency: config.concurrency },
      'Consuming tasks',
    );
  }

  private async process(job: Job<TaskJobData, TaskJobResult>): Promise<TaskJobResult> {
    const { config, log, storage } = this.options;
    const data = job.data;
    const jobId = job.id ?? '';
    const startedAt = Date.now();
    this.options.onStart?.(data, startedAt);
    if (data.workspaceId !== config.workspaceId) {
      const error = `The task belongs to workspace ${data.workspaceId}; cluster ${config.clusterId} serves workspace ${config.workspaceId}.`;
      return { result: 'FAILED', error, startedAt, finishedAt: Date.now() };
    }
    const controller = this.cancellations.register(jobId);
    const timeout = data.timeoutSeconds ? AbortSignal.timeout(data.timeoutSeconds * 1000) : undefined;
    const signal = timeout ? AbortSignal.any([controller.signal, timeout]) : controller.signal;
    const logger = log.child({ jobId, runId: data.runId, taskRunId: data.taskRunId, attempt: data.attempt });
    try {
      // Asked to stop before it started (the message went out while it waited in the queue).
      await this.cancellations.check([jobId]).catch(() => undefined);
      const upstreamTaskValues = await this.upstreamValues(data.upstream);
      const outcome = await (this.options.execute ?? executeTask)(data.task, {
        workspaceId: data.workspaceId,
        runId: data.runId,
        taskRunId: data.taskRunId,
        storage,
        parameters: data.parameters,
        signal,
        logger,
        ...(this.options.sparkRemote ? { sparkRemote: this.options.sparkRemote } : {}),
        ...(this.options.libraries ? { libraries: this.options.libraries } : {}),
        ...(this.options.sparkSubmit ? { sparkSubmit: this.options.sparkSubmit } : {}),
        ...(data.environment ? { environment: data.environment } : {}),
        ...(upstreamTaskValues ? { upstreamTaskValues } : {}),
        ...(data.computeCaller ? { computeCaller: data.computeCaller } : {}),
      });
      if (this.closing && signal.aborted) {
        // Stopped because this process is going away: leave the attempt to be handed over.
        await new Promise(() => {});
      }
      const stopReason: StopReason | undefined = this.cancellations.reasonOf(jobId);
      const finishedAt = Date.now();
      const output = taskRunOutput(data.task, outcome, data.attempt);
      await this.redis.eval(
        STORE_OUTPUT,
        2,
        RunKeys.run(data.runId),
        RunKeys.output(data.taskRunId),
        JSON.stringify(output),
      );
      const result = taskJobResult(outcome, startedAt, finishedAt, {
        timedOut: Boolean(timeout?.aborted) && !controller.signal.aborted,
        stopReason,
      });
      this.options.onFinish?.(data, result);
      return result;
    } finally {
      this.cancellations.unregister(jobId);
    }
  }

  private async upstreamValues(
    upstream: Record<string, number>,
  ): Promise<Record<string, Record<string, unknown>> | undefined> {
    const keys = Object.keys(upstream);
    if (keys.length === 0) return undefined;
    const raws = await this.redis.mget(...keys.map((key) => RunKeys.output(upstream[key] as number)));
    const values: Record<string, Record<string, unknown>> = {};
    keys.forEach((key, index) => {
      const found = taskValuesOf(raws[index] ?? null);
      if (found) values[key] = found;
    });
    return values;
  }

  /**
   * Stops taking attempts; those still running after `graceMs` are stopped and left for another
   * process to take over once their locks lapse.
   */
  async close(graceMs = 0): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    if (worker) {
      const drained = worker.close();
      const timedOut = await Promise.race([
        drained.then(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref()),
      ]);
      if (timedOut) {
        this.cancellations.abortAll(new Error('The runtime process is shutting down'));
        await worker.close(true).catch(() => undefined);
      }
    }
    this.cancellations.stop();
    this.redis.disconnect();
    this.workerConnection.disconnect();
  }
}
