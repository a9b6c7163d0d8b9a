import type { Logger } from 'pino';
import type { TemporaryCredentials } from './temporary-credentials.js';

/**
 * Runs TemporaryCredentials.reap at start and then every `intervalMs`. Every API replica may run
 * one: deleting a user that another replica deleted first is not an error.
 */
export class CredentialReaper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly credentials: TemporaryCredentials,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.timer) return;
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async sweep(): Promise<void> {
    if (this.running) return;
    this.running = this.credentials
      .reap()
      .then((count) => {
        if (count > 0) this.log.info({ count }, 'Deleted expired temporary credentials');
      })
      .catch((error: unknown) =>
        this.log.warn({ err: error }, 'Could not delete expired temporary credentials'),
      )
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }
}
