import { CANCEL_CHANNEL, cancelKey, type StopReason } from '@brickyard/common/tasks';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Stop requests for the attempts this process runs: a message on the cancel channel stops one at
 * once; the keys are also polled, so a message missed while the connection was down still counts.
 */

interface Running {
  controller: AbortController;
  reason?: StopReason;
}

function parseReason(value: string | null): StopReason | undefined {
  if (value === 'CANCELED' || value === 'TIMEDOUT') return value;
  return value ? 'CANCELED' : undefined;
}

export class Cancellations {
  private readonly running = new Map<string, Running>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly log: Logger,
    private readonly pollIntervalMs = 1_000,
  ) {}

  async start(): Promise<void> {
    this.subscriber.on('message', (_channel: string, jobId: string) => {
      if (this.running.has(jobId)) void this.check([jobId]);
    });
    await this.subscriber.subscribe(CANCEL_CHANNEL);
    this.timer = setInterval(() => void this.poll(), this.pollIntervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.subscriber.disconnect();
  }

  /** Follows an attempt; its controller is aborted when the scheduler asks it to stop. */
  register(jobId: string): AbortController {
    const controller = new AbortController();
    this.running.set(jobId, { controller });
    return controller;
  }

  unregister(jobId: string): void {
    this.running.delete(jobId);
  }

  reasonOf(jobId: string): StopReason | undefined {
    return this.running.get(jobId)?.reason;
  }

  /** Aborts every attempt (the process is going away). */
  abortAll(reason: unknown): void {
    for (const { controller } of this.running.values()) controller.abort(reason);
  }

  /** Reads the stop keys of the given attempts and aborts those that have one. */
  async check(jobIds: readonly string[]): Promise<void> {
    if (jobIds.length === 0) return;
    const values = await this.redis.mget(...jobIds.map(cancelKey));
    jobIds.forEach((jobId, index) => {
      const reason = parseReason(values[index] ?? null);
      const entry = this.running.get(jobId);
      if (!reason || !entry || entry.controller.signal.aborted) return;
      entry.reason = reason;
      this.log.info({ jobId, reason }, 'Stopping task on request');
      entry.controller.abort(
        reason === 'TIMEDOUT' ? new DOMException('The run timed out', 'TimeoutError') : undefined,
      );
    });
  }

  private async poll(): Promise<void> {
    if (this.polling || this.running.size === 0) return;
    this.polling = true;
    try {
      await this.check([...this.running.keys()]);
    } catch (error) {
      this.log.debug({ err: error }, 'Failed to poll stop requests');
    } finally {
      this.polling = false;
    }
  }
}
