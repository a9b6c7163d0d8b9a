import type { Logger } from 'pino';

export interface ReadinessPollerOptions {
  /** What is ready, for the logs: 'Spark Connect', 'Spark worker'. */
  what: string;
  /** Resolves when ready, rejects with why not. */
  probe: () => Promise<unknown>;
  log: Logger;
  /** Between probes while not ready. */
  pendingMs: number;
  /** Between probes once ready: readiness is kept true only while it stays so. */
  readyMs: number;
}

/**
 * Keeps the answer of a readiness probe fresh in the background, so that /readyz answers from
 * memory, and tells when it first became ready.
 */
export class ReadinessPoller {
  private state: { ready: boolean; reason?: string } = { ready: false, reason: 'not probed yet' };
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Bumped by reset(), so that a probe in flight from before is not counted. */
  private generation = 0;
  private markReady: () => void = () => {};
  /** Resolves the first time the probe succeeds. */
  readonly firstReady = new Promise<void>((resolve) => {
    this.markReady = resolve;
  });

  constructor(private readonly options: ReadinessPollerOptions) {}

  get ready(): boolean {
    return this.state.ready;
  }

  /** Why it is not ready ('Spark Connect: connect ECONNREFUSED ...'), when it is not. */
  get reason(): string | undefined {
    return this.state.reason === undefined ? undefined : `${this.options.what}: ${this.state.reason}`;
  }

  start(): void {
    this.schedule(0);
  }

  /** Not ready until the probe says so again (what it probes was just replaced). */
  reset(reason: string): void {
    this.generation++;
    this.state = { ready: false, reason };
    clearTimeout(this.timer);
    this.schedule(this.options.pendingMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const generation = this.generation;
    this.timer = setTimeout(() => void this.tick(generation), delayMs);
  }

  private async tick(generation: number): Promise<void> {
    const { log, what } = this.options;
    const outcome = await this.options.probe().then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    if (generation !== this.generation || this.stopped) return;
    if (outcome === undefined) {
      if (!this.state.ready) log.info({ what }, 'Became ready');
      this.state = { ready: true };
      this.markReady();
    } else {
      if (this.state.ready) log.warn({ what, reason: outcome }, 'No longer ready');
      this.state = { ready: false, reason: outcome };
    }
    this.schedule(this.state.ready ? this.options.readyMs : this.options.pendingMs);
  }
}
