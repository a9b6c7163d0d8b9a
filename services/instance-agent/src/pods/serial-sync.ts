import { backoffDelay } from '@brickyard/common/kube';

/**
 * Runs `sync` so that runs never overlap: a request during a run asks for one more run after it
 * (requests in between coalesce into that one), and a failed run is tried again with backoff
 * (500ms doubling to 10s) until one succeeds. Once stopped, nothing runs again.
 */
export class SerialSync {
  private running = false;
  private again = false;
  private stopped = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sync: () => Promise<void>,
    private readonly onFailure: (error: unknown, retryInMs: number) => void,
  ) {}

  request(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.run();
  }

  /** A request in `ms`, replacing a pending retry (there is one timer for both). */
  retryIn(ms: number): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.request(), ms);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  private async run(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.sync();
        this.failures = 0;
      } while (this.again && !this.stopped);
    } catch (error) {
      this.failures++;
      const delay = backoffDelay(this.failures, 500, 10_000);
      this.onFailure(error, delay);
      this.retryIn(delay);
    } finally {
      this.running = false;
    }
  }
}
