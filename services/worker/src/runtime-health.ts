import type { Server } from 'node:http';
import { startHealthServer } from '@brickyard/common/observability';
import type { Registry } from 'prom-client';

type Readiness = { ready: boolean; detail: Record<string, unknown> };

/**
 * The runtime's /readyz and /startedz, whose meaning changes over its life: a pool pod's runtime
 * serves them in standby (started once warm, never ready), then as its cluster's pod.
 */
export class RuntimeHealth {
  private readiness: () => Readiness = () => ({ ready: false, detail: { starting: true } });
  private isStarted = false;

  constructor(private readonly registry: Registry) {}

  /** What /readyz answers from now on. */
  setReadiness(readiness: () => Readiness): void {
    this.readiness = readiness;
  }

  /** /startedz passes from now on (a startup probe then hands over to the readiness probe). */
  markStarted(): void {
    this.isStarted = true;
  }

  serve(host: string, port: number): Promise<Server> {
    return startHealthServer({
      host,
      port,
      registry: this.registry,
      readiness: () => this.readiness(),
      started: () => this.isStarted,
    });
  }
}
