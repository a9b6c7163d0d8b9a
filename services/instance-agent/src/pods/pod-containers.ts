import type { V1Container, V1PodSpec, V1PodStatus } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { ContainerProcess, type ProcessExit } from '../containers/container-process.js';
import { killOrphan } from '../containers/orphan-process.js';
import type { AgentMetrics } from '../metrics.js';
import { ContainerProbes } from '../probes/container-probes.js';
import type { Launch } from './container-launch.js';
import {
  holdForRetry,
  newSlot,
  recordExit,
  recordStart,
  recordStarted,
  type Slot,
  showCrashLoopBackOff,
  stopProbing,
} from './container-slot.js';
import type { ContainerRecord, ContainerState } from './pod-status.js';
import { type RestartBackoff, type RestartPolicy, restartPolicyOf, shouldRestart } from './restart-policy.js';

/** The pod spec fields the containers of a pod run by (all immutable in a pod). */
export type PodContainersSpec = Pick<
  V1PodSpec,
  'initContainers' | 'restartPolicy' | 'terminationGracePeriodSeconds'
> & {
  containers?: V1Container[];
};

/** The kubelet's terminationGracePeriodSeconds when the pod does not set it. */
export const DEFAULT_GRACE_SECONDS = 30;

/** What the containers of a pod need from its pod worker. */
export interface PodContainersHost {
  uid: string;
  log: Logger;
  metrics: AgentMetrics;
  clock: () => number;
  restartBackoff: RestartBackoff;
  /** The pod as messages name it: name_namespace(uid). */
  podRef(): string;
  /** The pod's address, which probes check. */
  podIP(): string;
  /** How to start a container now; undefined if the pod went away while that was worked out. */
  prepareLaunch(spec: V1Container): Promise<Launch | undefined>;
  /** Something changed (an exit, a probe result, a backoff over): the worker syncs the pod. */
  requestSync(): void;
}

/**
 * The containers of one pod as processes: init containers one after the other first, then the
 * others; each restarted by the restart policy with backoff, a container that cannot start yet
 * retried, started and ready from its probes (killed if it fails its startup probe), and all of
 * them stopped (SIGTERM, SIGKILL after the grace period) when the pod goes. What the status
 * reports of each is its record.
 */
export class PodContainers {
  private readonly initSlots: Slot[];
  private readonly slots: Slot[];
  private terminatingNow = false;
  /** The worker is done (or the agent stops): nothing starts or is waited for any more. */
  private stopped = false;
  private killTimer: NodeJS.Timeout | undefined;

  /** `observed` is the status an earlier agent wrote, whose containers this one takes over. */
  constructor(
    private readonly spec: PodContainersSpec | undefined,
    observed: V1PodStatus | undefined,
    now: string,
    private readonly host: PodContainersHost,
  ) {
    this.initSlots = (spec?.initContainers ?? []).map((container) =>
      newSlot(
        container,
        observed?.initContainerStatuses?.find(({ name }) => name === container.name),
        now,
      ),
    );
    this.slots = (spec?.containers ?? []).map((container) =>
      newSlot(
        container,
        observed?.containerStatuses?.find(({ name }) => name === container.name),
        now,
      ),
    );
  }

  /** SIGTERM was sent to the pod's processes: it is going away. */
  get terminating(): boolean {
    return this.terminatingNow;
  }

  get initRecords(): ContainerRecord[] {
    return this.initSlots.map((slot) => slot.record);
  }

  get records(): ContainerRecord[] {
    return this.slots.map((slot) => slot.record);
  }

  anyRunning(): boolean {
    return this.allSlots().some((slot) => slot.process !== undefined);
  }

  /** Containers that never ran wait with this state (the pod has no address yet). */
  holdUnstarted(waiting: Extract<ContainerState, { kind: 'waiting' }>): void {
    for (const slot of this.allSlots()) if (!slot.ran) slot.record.state = waiting;
  }

  /** Processes a previous agent left running for this pod's containers are killed first. */
  async killOrphans(): Promise<void> {
    for (const slot of this.allSlots()) {
      if (slot.previousPid === undefined) continue;
      if (await killOrphan(slot.previousPid, this.host.uid, slot.spec.name)) {
        this.host.log.warn(
          { container: slot.spec.name, pid: slot.previousPid },
          'Killed process left by a previous agent',
        );
      }
    }
  }

  /** Starts what is due: the first unfinished init container, else every container not running. */
  async drive(policy: RestartPolicy): Promise<void> {
    for (const slot of this.initSlots) {
      const { state } = slot.record;
      if (state.kind === 'terminated' && state.terminated.exitCode === 0) continue;
      const failedForGood = state.kind === 'terminated' && !shouldRestart(policy, state.terminated.exitCode);
      if (!slot.process && !failedForGood) await this.startWhenDue(slot);
      this.holdContainers('PodInitializing');
      return;
    }
    for (const slot of this.slots) {
      if (slot.process) continue;
      const { state } = slot.record;
      if (state.kind === 'terminated' && !shouldRestart(policy, state.terminated.exitCode)) continue;
      await this.startWhenDue(slot);
    }
  }

  /** SIGTERM to every process now, SIGKILL to those left after the grace period. Once per pod. */
  terminate(graceMs: number): void {
    if (this.terminatingNow) return;
    this.terminatingNow = true;
    for (const slot of this.allSlots()) {
      clearTimeout(slot.timer);
      stopProbing(slot);
      slot.process?.signal('SIGTERM');
    }
    if (this.anyRunning()) {
      this.killTimer = setTimeout(() => {
        for (const slot of this.allSlots()) slot.process?.signal('SIGKILL');
      }, graceMs);
    }
  }

  /** Every process has exited: no SIGKILL is due. */
  cancelKill(): void {
    clearTimeout(this.killTimer);
  }

  /** Nothing more starts, and no timer or probe is left. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.killTimer);
    for (const slot of this.allSlots()) {
      clearTimeout(slot.timer);
      clearTimeout(slot.killTimer);
      slot.probes?.stop();
    }
  }

  /** The agent stops: processes get SIGTERM, SIGKILL after graceMs. */
  async shutdown(graceMs: number): Promise<void> {
    this.stop();
    const running = this.allSlots().flatMap((slot) => (slot.process ? [slot.process] : []));
    for (const child of running) child.signal('SIGTERM');
    const allExited = Promise.all(running.map((child) => child.exited));
    const timedOut = await Promise.race([
      allExited.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref()),
    ]);
    if (timedOut) {
      for (const child of running) child.signal('SIGKILL');
      await Promise.race([allExited, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    }
  }

  /** Containers that never ran wait, with this reason, for the init containers. */
  private holdContainers(reason: string): void {
    for (const slot of this.slots) {
      if (!slot.ran && slot.record.state.kind === 'waiting') slot.record.state = { kind: 'waiting', reason };
    }
  }

  private async startWhenDue(slot: Slot): Promise<void> {
    if (this.host.clock() < slot.notBeforeMs) {
      showCrashLoopBackOff(slot, this.host.podRef());
      this.wakeAt(slot, slot.notBeforeMs);
      return;
    }
    await this.start(slot);
  }

  private async start(slot: Slot): Promise<void> {
    const { host } = this;
    const launch = await host.prepareLaunch(slot.spec);
    if (!launch) return;
    if (!launch.ok) {
      this.waitAndRetry(slot, launch.reason, launch.message);
      return;
    }
    const { state } = slot.record;
    const previous = state.kind === 'terminated' ? state.terminated : slot.record.lastTerminated;
    const child = await ContainerProcess.start(launch.process, host.clock);
    slot.startFailures = 0;
    if (this.stopped) {
      // The agent began shutting down while this process started.
      child.signal('SIGKILL');
      return;
    }
    if (recordStart(slot, child, previous)) host.metrics.containerRestarts.inc();
    host.metrics.processStarts.inc();
    if (child.pid !== undefined) {
      this.startProbing(slot, child);
      const { restartCount } = slot.record;
      const fields = { container: slot.spec.name, pid: child.pid, argv: launch.command, restartCount };
      host.log.info(fields, 'Started container');
    }
    void child.exited.then((exit) => this.onExit(slot, child, exit));
  }

  /**
   * Started and readiness of a container with probes follow them while this process runs; a
   * status write follows each change.
   */
  private startProbing(slot: Slot, child: ContainerProcess): void {
    if (!slot.spec.startupProbe && !slot.spec.readinessProbe) return;
    const current = (): boolean => slot.process === child;
    slot.probes = new ContainerProbes(slot.spec, this.host.podIP(), {
      onStarted: () => {
        if (!current()) return;
        recordStarted(slot);
        this.host.requestSync();
      },
      onStartupFailed: () => {
        if (current()) this.killUnstarted(slot, child);
      },
      onReadiness: (ready) => {
        if (!current()) return;
        slot.record.ready = ready;
        this.host.requestSync();
      },
    });
    slot.probes.start();
  }

  /**
   * Kills a process that failed its startup probe, as the kubelet does: SIGTERM, SIGKILL after
   * the probe's terminationGracePeriodSeconds (else the pod's). Its exit then goes the way of any
   * exit, restarted or not by the restart policy.
   */
  private killUnstarted(slot: Slot, child: ContainerProcess): void {
    stopProbing(slot);
    const restarted = restartPolicyOf(this.spec?.restartPolicy) !== 'Never';
    const message = `Container ${slot.spec.name} failed startup probe${restarted ? ', will be restarted' : ''}`;
    this.host.log.warn({ container: slot.spec.name, pid: child.pid }, message);
    const graceSeconds =
      slot.spec.startupProbe?.terminationGracePeriodSeconds ??
      this.spec?.terminationGracePeriodSeconds ??
      DEFAULT_GRACE_SECONDS;
    child.signal('SIGTERM');
    clearTimeout(slot.killTimer);
    slot.killTimer = setTimeout(() => child.signal('SIGKILL'), graceSeconds * 1000);
  }

  /** A container that cannot start yet: it waits with the reason and is tried again with backoff. */
  private waitAndRetry(slot: Slot, reason: string, message: string): void {
    const { host } = this;
    if (holdForRetry(slot, reason, message, host.restartBackoff, host.clock())) {
      host.log.warn({ container: slot.spec.name, reason, message }, 'Cannot start container');
    }
    this.wakeAt(slot, slot.notBeforeMs);
  }

  private onExit(slot: Slot, child: ContainerProcess, exit: ProcessExit): void {
    if (slot.process !== child) return;
    recordExit(slot, child, exit, this.host.restartBackoff);
    const level = exit.exitCode === 0 || this.terminatingNow || this.stopped ? 'info' : 'warn';
    const { exitCode, signal, reason } = exit;
    this.host.log[level](
      { container: slot.spec.name, pid: child.pid, exitCode, signal, reason },
      'Container exited',
    );
    this.host.requestSync();
  }

  private wakeAt(slot: Slot, atMs: number): void {
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.host.requestSync(), Math.max(0, atMs - this.host.clock()));
  }

  private allSlots(): Slot[] {
    return [...this.initSlots, ...this.slots];
  }
}
