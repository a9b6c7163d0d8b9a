import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { ProbeTarget, ProbeTiming } from './probe-target.js';

/** Runs one probe: HTTP 2xx/3xx or an accepted TCP connection within the timeout passes. */
export function runProbe(target: ProbeTarget, timeoutMs: number): Promise<boolean> {
  if (target.kind === 'assumed') return Promise.resolve(true);
  if (target.kind === 'invalid') return Promise.resolve(false);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (passed: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(passed);
    };
    const timer = setTimeout(() => {
      cleanup();
      settle(false);
    }, timeoutMs);
    let cleanup: () => void = () => {};
    if (target.kind === 'tcp') {
      const socket = connect({ host: target.host, port: target.port });
      cleanup = () => socket.destroy();
      socket.once('connect', () => {
        socket.destroy();
        settle(true);
      });
      socket.once('error', () => settle(false));
      return;
    }
    const send = target.scheme === 'https' ? httpsRequest : httpRequest;
    const request = send(
      {
        host: target.host,
        port: target.port,
        path: target.path,
        method: 'GET',
        headers: { 'user-agent': 'kube-probe/1.36', accept: '*/*', ...target.headers },
        rejectUnauthorized: false,
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        settle(status >= 200 && status < 400);
      },
    );
    cleanup = () => request.destroy();
    request.once('error', () => settle(false));
    request.end();
  });
}

/** Until a container is first ready it is probed at least this often, so it starts serving soon. */
export const STARTUP_PERIOD_MS = 250;

/**
 * The readiness of one running container: probes after the initial delay and then every period;
 * ready after successThreshold passes in a row, unready after failureThreshold failures in a
 * row. Calls onChange when readiness flips. Unlike the kubelet it probes every STARTUP_PERIOD_MS (or
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
    private readonly probe: typeof runProbe = runProbe,
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
    this.schedule(this.everReady ? this.timing.periodMs : Math.min(this.timing.periodMs, STARTUP_PERIOD_MS));
  }

  private flip(ready: boolean): void {
    this.readyNow = ready;
    if (ready) this.everReady = true;
    this.onChange(ready);
  }
}
