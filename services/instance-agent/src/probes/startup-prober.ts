import { ProbeLoop } from './probe-loop.js';
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
  private readonly loop: ProbeLoop;

  constructor(
    target: ProbeTarget,
    private readonly timing: ProbeTiming,
    private readonly onResult: (started: boolean) => void,
    probe: ProbeRunner = runProbe,
  ) {
    this.loop = new ProbeLoop(target, timing.timeoutMs, (passed) => this.result(passed), probe);
  }

  start(): void {
    this.loop.start(this.timing.initialDelayMs);
  }

  stop(): void {
    this.loop.stop();
  }

  private result(passed: boolean): number | undefined {
    if (!passed && ++this.failures < this.timing.failureThreshold) return this.timing.periodMs;
    this.onResult(passed);
    return undefined;
  }
}
