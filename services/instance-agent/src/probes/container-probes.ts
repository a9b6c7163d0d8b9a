import type { V1Container } from '@kubernetes/client-node';
import { probeTarget, probeTiming } from './probe-target.js';
import { ReadinessProber } from './readiness-prober.js';
import { type ProbeRunner, runProbe } from './run-probe.js';
import { StartupProber } from './startup-prober.js';

/** What the probes of a container report; each is called only while they run. */
export interface ProbeEvents {
  /** The startup probe passed: the container has started, and its readiness probe runs from now. */
  onStarted(): void;
  /** The startup probe failed failureThreshold times in a row: the container is to be killed. */
  onStartupFailed(): void;
  /** The readiness probe flipped. */
  onReadiness(ready: boolean): void;
}

/**
 * The probes of one process of a container, in the kubelet's order: its startup probe first,
 * and its readiness probe only once that passed (right away without one), so a container is
 * never probed ready before it started. The readiness probe's initial delay counts from then.
 */
export class ContainerProbes {
  private startup: StartupProber | undefined;
  private readiness: ReadinessProber | undefined;
  private stopped = false;

  constructor(
    private readonly spec: V1Container,
    private readonly podIP: string,
    private readonly events: ProbeEvents,
    private readonly probe: ProbeRunner = runProbe,
  ) {}

  start(): void {
    const probe = this.spec.startupProbe;
    if (!probe) {
      this.startReadiness();
      return;
    }
    this.startup = new StartupProber(
      probeTarget(probe, this.spec, this.podIP),
      probeTiming(probe),
      (started) => this.onStartup(started),
      this.probe,
    );
    this.startup.start();
  }

  stop(): void {
    this.stopped = true;
    this.startup?.stop();
    this.readiness?.stop();
  }

  private onStartup(started: boolean): void {
    if (this.stopped) return;
    if (!started) {
      this.events.onStartupFailed();
      return;
    }
    this.startReadiness();
    this.events.onStarted();
  }

  private startReadiness(): void {
    const probe = this.spec.readinessProbe;
    if (!probe) return;
    this.readiness = new ReadinessProber(
      probeTarget(probe, this.spec, this.podIP),
      probeTiming(probe),
      (ready) => {
        if (!this.stopped) this.events.onReadiness(ready);
      },
      this.probe,
    );
    this.readiness.start();
  }
}
