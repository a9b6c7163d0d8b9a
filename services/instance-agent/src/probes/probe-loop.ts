import type { ProbeTarget } from './probe-target.js';
import { type ProbeRunner, runProbe } from './run-probe.js';

/**
 * Runs a probe after an initial delay, then again after the delay each result asks for, until
 * a result asks for none or the loop is stopped: the timing the startup and readiness probers
 * share. A result that arrives after stop() is dropped.
 */
export class ProbeLoop {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly target: ProbeTarget,
    private readonly timeoutMs: number,
    /** Given each result; the delay before the next probe, or undefined to probe no more. */
    private readonly onResult: (passed: boolean) => number | undefined,
    private readonly probe: ProbeRunner = runProbe,
  ) {}

  start(initialDelayMs: number): void {
    this.schedule(initialDelayMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    const passed = await this.probe(this.target, this.timeoutMs);
    if (this.stopped) return;
    const next = this.onResult(passed);
    if (next === undefined) this.stop();
    else this.schedule(next);
  }
}
