import type { ProbeTarget, ProbeTiming } from './probe-target.js';
import { type ProbeRunner, runProbe } from './run-probe.js';

/** Until a container is first ready it is probed at least this often, so it starts serving soon. */
export const FIRST_READY_PERIOD_MS = 250;

/**
 * The readiness of one running container: probes after the initial delay and then every period;
 * ready after successThreshold passes in a row, unready after failureThreshold failures in a
 * row. Calls onChange when readiness flips. Unlike the kubelet it probes every FIRST_READY_PERIOD_MS (or
 * each period, if shorter) until the container is first ready, so a fresh pod is not held back a
 * whole period by a probe that ran before the process listened.
 */
export class ReadinessProber {
  private readyNow = false;
  private everReady = false;
  private successes = 0;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly target: ProbeTarget,
    private readonly timing: ProbeTiming,
    private readonly onChange: (ready: boolean) => void,
    private readonly probe: ProbeRunner = runProbe,
  ) {}

  get ready(): boolean {
    return this.readyNow;
  }

  start(): void {
    this.schedule(this.timing.initialDelayMs);
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
    const passed = await this.probe(this.target, this.timing.timeoutMs);
    if (this.stopped) return;
    if (passed) {
      this.failures = 0;
      this.successes++;
      if (!this.readyNow && this.successes >= this.timing.successThreshold) this.flip(true);
    } else {
      this.successes = 0;
      this.failures++;
      if (this.readyNow && this.failures >= this.timing.failureThreshold) this.flip(false);
    }
    this.schedule(
      this.everReady ? this.timing.periodMs : Math.min(this.timing.periodMs, FIRST_READY_PERIOD_MS),
    );
  }

  private flip(ready: boolean): void {
    this.readyNow = ready;
    if (ready) this.everReady = true;
    this.onChange(ready);
  }
}
