import type { ProbeTarget, ProbeTiming } from './probe-target.js';
import { type ProbeRunner, runProbe } from './run-probe.js';

/**
 * The startup probe of one running container, as the kubelet runs it: after the initial delay
 * and then every period until the first pass (a startup probe's successThreshold is always 1),
 * never again for this process after it. failureThreshold failures in a row fail it, and the
 * container is to be killed. Calls onResult once, with whether the container started. Unlike the
 * readiness prober it keeps the kubelet's period throughout, since failures count per period:
 * period × failureThreshold is the time a container gets to start.
 */
export class StartupProber {
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly target: ProbeTarget,
    private readonly timing: ProbeTiming,
    private readonly onResult: (started: boolean) => void,
    private readonly probe: ProbeRunner = runProbe,
  ) {}

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
    if (!passed && ++this.failures < this.timing.failureThreshold) {
      this.schedule(this.timing.periodMs);
      return;
    }
    this.stop();
    this.onResult(passed);
  }
}
