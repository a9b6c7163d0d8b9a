import { ProbeLoop } from './probe-loop.js';
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
  private readonly loop: ProbeLoop;

  constructor(
    target: ProbeTarget,
    private readonly timing: ProbeTiming,
    private readonly onChange: (ready: boolean) => void,
    probe: ProbeRunner = runProbe,
  ) {
    this.loop = new ProbeLoop(target, timing.timeoutMs, (passed) => this.result(passed), probe);
  }

  get ready(): boolean {
    return this.readyNow;
  }

  start(): void {
    this.loop.start(this.timing.initialDelayMs);
  }

  stop(): void {
    this.loop.stop();
  }

  private result(passed: boolean): number {
    if (passed) {
      this.failures = 0;
      this.successes++;
      if (!this.readyNow && this.successes >= this.timing.successThreshold) this.flip(true);
    } else {
      this.successes = 0;
      this.failures++;
      if (this.readyNow && this.failures >= this.timing.failureThreshold) this.flip(false);
    }
    return this.everReady ? this.timing.periodMs : Math.min(this.timing.periodMs, FIRST_READY_PERIOD_MS);
  }

  private flip(ready: boolean): void {
    this.readyNow = ready;
    if (ready) this.everReady = true;
    this.onChange(ready);
  }
}
