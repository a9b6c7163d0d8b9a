import type { Logger } from 'pino';

export interface ShutdownOptions {
  log: Logger;
  /** Stops the process's work, in order (stop taking work, drain, close connections). */
  stop: () => Promise<void>;
  /** How long `stop` may take before the process exits anyway, with status 1. */
  graceMs: number;
  /** Logged once `stop` is done, e.g. 'Stopped scheduler'. */
  stoppedMessage?: string;
  /** @defaultValue SIGTERM and SIGINT */
  signals?: readonly NodeJS.Signals[];
  /** @defaultValue process.exit */
  exit?: (code: number) => void;
}

export interface Shutdown {
  /** True from the first signal (or call) on: loops that start work should stop starting it. */
  readonly requested: boolean;
  /** Shuts down as a signal would; a second call (or signal) does nothing. */
  run(reason: string): Promise<void>;
}

/**
 * How every Brickyard process stops: on SIGTERM (Kubernetes, `make down`) or SIGINT it logs,
 * runs `stop` once (a repeated signal does not start it again), and exits 0 when it is done,
 * or 1 when it failed or took longer than `graceMs`, so a stuck drain never outlives the
 * pod's termination grace period silently.
 */
export function handleShutdown(options: ShutdownOptions): Shutdown {
  const { log, graceMs } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let requested = false;
  const run = async (reason: string): Promise<void> => {
    if (requested) return;
    requested = true;
    log.info({ signal: reason, graceMs }, 'Shutting down');
    const watchdog = setTimeout(() => {
      log.error({ graceMs }, 'Shutdown took too long, exiting');
      exit(1);
    }, graceMs);
    watchdog.unref();
    try {
      await options.stop();
    } catch (error) {
      clearTimeout(watchdog);
      log.error({ err: error }, 'Failed to shut down cleanly');
      exit(1);
      return;
    }
    clearTimeout(watchdog);
    log.info(options.stoppedMessage ?? 'Stopped');
    exit(0);
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => void run(signal));
  }
  return {
    get requested() {
      return requested;
    },
    run,
  };
}
