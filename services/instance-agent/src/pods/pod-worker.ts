import { constants } from 'node:os';
import { join } from 'node:path';
import { asKubeTime, backoffDelay, isConflict, isNotFound, kubeTime } from '@brickyard/common/kube';
import {
  type CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type V1Container,
  type V1Pod,
} from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { AgentConfig } from '../config.js';
import { imageRepository, resolveCommand } from '../containers/command-resolution.js';
import { adoptContainer } from '../containers/container-adoption.js';
import { containerIdOf } from '../containers/container-id.js';
import { ContainerProcess, type ProcessExit } from '../containers/container-process.js';
import { CONTAINER_NAME_VARIABLE, killOrphan, POD_UID_VARIABLE } from '../containers/orphan-process.js';
import type { DownwardContext } from '../env/downward-api.js';
import { referencedSources, resolveContainerEnv } from '../env/env-resolution.js';
import { fetchEnvSources } from '../env/env-sources.js';
import type { AgentMetrics } from '../metrics.js';
import type { PodIpAllocator } from '../node/ip-allocator.js';
import { probeTarget, probeTiming } from '../probes/probe-target.js';
import { ReadinessProber } from '../probes/readiness-prober.js';
import { type MountSupport, namespacedArgv } from '../volumes/mount-namespace.js';
import { planMounts } from '../volumes/mount-plan.js';
import { PodVolumes, type VolumeSetup } from '../volumes/pod-volumes.js';
import {
  type ContainerRecord,
  computePodStatus,
  type PodPhase,
  type PodStatusBody,
  type TerminatedBody,
} from './pod-status.js';
import { backoffResetMs, restartDelayMs, restartPolicyOf, shouldRestart } from './restart-policy.js';
import { StatusWriteGate } from './status-diff.js';

export interface PodWorkerDeps {
  core: CoreV1Api;
  config: AgentConfig;
  ipPool: PodIpAllocator;
  metrics: AgentMetrics;
  log: Logger;
  /** The Nodes' InternalIP: the pods' hostIP, and their podIP with hostNetwork. */
  hostIP: string;
  /** The Nodes' allocatable resources, for resourceFieldRef of unset limits. */
  allocatable: Readonly<Record<string, string>>;
  /** Variables every container gets before its own env (inherited from the agent, from config). */
  baseEnv: Readonly<Record<string, string>>;
  clock: () => number;
  /** Whether containers with volumeMounts can get a mount namespace. */
  mountSupport: MountSupport;
  /** The `kubernetes` Service variables every container gets (kubernetes-service-env.ts). */
  serviceEnv: Readonly<Record<string, string>>;
  /** The CA the agent trusts, for a kube-root-ca.crt ConfigMap not published yet. */
  rootCa: Buffer | undefined;
  /** Called once the worker is done with its pod: deleted, removed, nothing left running. */
  onClosed: (uid: string) => void;
}

/** One container of the pod: what the status reports about it and the process behind it. */
interface Slot {
  spec: V1Container;
  record: ContainerRecord;
  /** It ran before (in this agent or a previous one), so its next start is a restart. */
  ran: boolean;
  previousPid?: number;
  process?: ContainerProcess | undefined;
  prober?: ReadinessProber | undefined;
  /** Exits in a row without a long enough run in between: the backoff exponent. */
  consecutiveExits: number;
  /** Failed attempts in a row to start it (configuration errors): their retry backoff. */
  startFailures: number;
  /** Not started again before this time (restart backoff, or retry of a configuration error). */
  notBeforeMs: number;
  backoffMs: number;
  timer?: NodeJS.Timeout;
}

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
/** SIGTERM to SIGKILL for processes of a pod that vanished from the API (force-deleted). */
const REMOVED_GRACE_MS = 2_000;
const DEFAULT_GRACE_SECONDS = 30;
const NO_ADDRESS_RETRY_MS = 5_000;

/**
 * The kubelet's pod worker for one pod: runs its containers as processes (init containers one
 * after the other first), restarts them by the restart policy with backoff, reports status
 * through pods/status when it changed, and on deletion stops the processes (SIGTERM, SIGKILL
 * after the grace period) and removes the pod object. Work happens in syncs that never overlap;
 * informer updates, process exits, probe results and timers each ask for one.
 */
export class PodWorker {
  readonly uid: string;
  private pod: V1Pod;
  private readonly initSlots: Slot[];
  private readonly slots: Slot[];
  private readonly log: Logger;
  private readonly gate = new StatusWriteGate();
  private podIP: string | undefined;
  private startTime: string | undefined;
  private phaseNow: PodPhase;
  /** Reached Succeeded or Failed: nothing of it runs again. */
  private finished: boolean;
  private terminating = false;
  private removed = false;
  private closed = false;
  private orphansChecked = false;
  private killTimer: NodeJS.Timeout | undefined;
  private syncing = false;
  private dirty = false;
  private syncFailures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly volumes: PodVolumes;
  /** Set up once in this agent run; refreshed from then on. */
  private volumesReady = false;
  private volumeTimer: NodeJS.Timeout | undefined;

  constructor(
    pod: V1Pod,
    private readonly deps: PodWorkerDeps,
  ) {
    this.pod = pod;
    this.uid = pod.metadata?.uid ?? '';
    this.log = deps.log.child({ pod: `${pod.metadata?.namespace}/${pod.metadata?.name}` });
    const now = kubeTime(deps.clock());
    const observed = pod.status;
    this.initSlots = (pod.spec?.initContainers ?? []).map((spec) =>
      this.newSlot(
        spec,
        observed?.initContainerStatuses?.find((status) => status.name === spec.name),
        now,
      ),
    );
    this.slots = (pod.spec?.containers ?? []).map((spec) =>
      this.newSlot(
        spec,
        observed?.containerStatuses?.find((status) => status.name === spec.name),
        now,
      ),
    );
    const phase = observed?.phase;
    this.phaseNow = phase === 'Running' || phase === 'Succeeded' || phase === 'Failed' ? phase : 'Pending';
    this.finished = this.phaseNow === 'Succeeded' || this.phaseNow === 'Failed';
    if (this.finished && observed?.podIP) this.podIP = observed.podIP;
    this.volumes = new PodVolumes({
      core: deps.core,
      podDir: join(deps.config.stateDir, 'pods', this.uid),
      rootCa: deps.rootCa,
      resyncMs: deps.config.volumeResyncSeconds * 1000,
      clock: deps.clock,
    });
  }

  get phase(): PodPhase {
    return this.phaseNow;
  }

  /** A newer version of the pod from the informer. */
  update(pod: V1Pod): void {
    this.takeIfNewer(pod);
    this.requestSync();
  }

  /** The pod is gone from the API: stop its processes and forget it. */
  remove(): void {
    this.removed = true;
    this.requestSync();
  }

  /** The agent stops: processes get SIGTERM, SIGKILL after graceMs; no status is written. */
  async shutdown(graceMs: number): Promise<void> {
    this.closed = true;
    this.clearTimers();
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

  requestSync(): void {
    if (this.closed) return;
    if (this.syncing) {
      this.dirty = true;
      return;
    }
    this.syncing = true;
    void this.runSyncs();
  }

  private async runSyncs(): Promise<void> {
    try {
      do {
        this.dirty = false;
        await this.syncOnce();
        this.syncFailures = 0;
      } while (this.dirty && !this.closed);
    } catch (error) {
      this.syncFailures++;
      const delay = backoffDelay(this.syncFailures, 500, 10_000);
      this.log.warn({ err: error, retryInMs: delay }, 'Failed to sync pod');
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.requestSync(), delay);
    } finally {
      this.syncing = false;
    }
  }

  private async syncOnce(): Promise<void> {
    if (this.closed) return;
    if (this.removed) {
      this.terminate(REMOVED_GRACE_MS);
      if (!this.anyRunning()) this.close('Forgot pod removed from the API');
      return;
    }
    if (!this.orphansChecked) {
      await this.killOrphans();
      this.orphansChecked = true;
    }
    if (this.pod.metadata?.deletionTimestamp) {
      await this.syncDeleting();
      return;
    }
    if (this.finished) return;
    this.ensureSandbox();
    if (this.podIP !== undefined) await this.driveContainers();
    await this.writeStatus(false);
    if (this.phaseNow === 'Succeeded' || this.phaseNow === 'Failed') {
      this.finished = true;
      this.deps.ipPool.release(this.uid);
      clearTimeout(this.volumeTimer);
      await this.removeVolumes();
      this.log.info({ phase: this.phaseNow }, 'Pod finished');
      return;
    }
    await this.refreshVolumes();
  }

  /** Sets the pod's volumes up before its first container starts in this agent run. */
  private async setUpVolumes(): Promise<VolumeSetup> {
    if (this.volumesReady) return { ok: true };
    const setup = await this.volumes.sync(this.pod, this.downwardContext());
    if (setup.ok) {
      this.volumesReady = true;
      this.log.debug('Set up volumes');
    }
    return setup;
  }

  /** Rewrites volume content that is due (changed sources, tokens near expiry) while the pod runs. */
  private async refreshVolumes(): Promise<void> {
    if (!this.volumesReady || this.terminating) return;
    let due = this.volumes.nextSyncMs;
    if (due === undefined) return;
    if (this.deps.clock() >= due) {
      try {
        const refreshed = await this.volumes.sync(this.pod, this.downwardContext());
        if (!refreshed.ok) this.log.warn({ message: refreshed.message }, 'Failed to refresh volumes');
      } catch (error) {
        this.log.warn({ err: error }, 'Failed to refresh volumes');
      }
      due = this.volumes.nextSyncMs ?? due;
    }
    clearTimeout(this.volumeTimer);
    this.volumeTimer = setTimeout(() => this.requestSync(), Math.max(0, due - this.deps.clock()));
  }

  private async removeVolumes(): Promise<void> {
    try {
      await this.volumes.remove();
    } catch (error) {
      this.log.warn({ err: error }, 'Failed to remove volumes');
    }
  }

  private downwardContext(): DownwardContext {
    const { hostIP, allocatable } = this.deps;
    return { pod: this.pod, podIP: this.podIP ?? '', hostIP, allocatable };
  }

  /** The pod's address and start time, kept from a previous agent run when the status has them. */
  private ensureSandbox(): void {
    this.startTime ??= asKubeTime(this.pod.status?.startTime) ?? kubeTime(this.deps.clock());
    if (this.podIP !== undefined) return;
    if (this.pod.spec?.hostNetwork) {
      this.podIP = this.deps.hostIP;
      return;
    }
    this.podIP = this.deps.ipPool.allocate(this.uid, this.pod.status?.podIP);
    if (this.podIP === undefined) {
      const waiting = {
        kind: 'waiting',
        reason: 'ContainerCreating',
        message: 'no free pod address',
      } as const;
      for (const slot of this.allSlots()) if (!slot.ran) slot.record.state = waiting;
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.requestSync(), NO_ADDRESS_RETRY_MS);
    }
  }

  private async driveContainers(): Promise<void> {
    const policy = restartPolicyOf(this.pod.spec?.restartPolicy);
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

  /** Containers that never ran wait, with this reason, for the init containers. */
  private holdContainers(reason: string): void {
    for (const slot of this.slots) {
      if (!slot.ran && slot.record.state.kind === 'waiting') slot.record.state = { kind: 'waiting', reason };
    }
  }

  private async startWhenDue(slot: Slot): Promise<void> {
    const now = this.deps.clock();
    if (now < slot.notBeforeMs) {
      const { state } = slot.record;
      if (state.kind === 'terminated') {
        const { name, namespace } = this.pod.metadata ?? {};
        slot.record.lastTerminated = state.terminated;
        slot.record.state = {
          kind: 'waiting',
          reason: 'CrashLoopBackOff',
          message:
            `back-off ${Math.ceil(slot.backoffMs / 1000)}s restarting failed ` +
            `container=${slot.spec.name} pod=${name}_${namespace}(${this.uid})`,
        };
      }
      this.wakeAt(slot, slot.notBeforeMs);
      return;
    }
    await this.startContainer(slot);
  }

  private async startContainer(slot: Slot): Promise<void> {
    const { deps } = this;
    const pod = this.pod;
    const name = pod.metadata?.name ?? '';
    const namespace = pod.metadata?.namespace ?? '';
    const podIP = this.podIP ?? '';
    const volumes = await this.setUpVolumes();
    if (this.closed || this.removed || this.pod.metadata?.deletionTimestamp) return;
    if (!volumes.ok) {
      this.waitAndRetry(slot, 'ContainerCreating', volumes.message);
      return;
    }
    const sources = await fetchEnvSources(deps.core, namespace, referencedSources([slot.spec]));
    if (this.closed || this.removed || this.pod.metadata?.deletionTimestamp) return;
    const resolved = resolveContainerEnv(slot.spec, this.downwardContext(), sources, deps.serviceEnv);
    if (!resolved.ok) {
      this.waitAndRetry(slot, 'CreateContainerConfigError', resolved.message);
      return;
    }
    const command = resolveCommand(slot.spec, deps.config.images, resolved.env);
    if (!command.ok) {
      this.waitAndRetry(slot, command.reason, command.message);
      return;
    }
    const mounts = planMounts(
      slot.spec,
      pod.spec?.volumes ?? [],
      (volume) => this.volumes.dir(volume),
      resolved.env,
    );
    if (!mounts.ok) {
      this.waitAndRetry(slot, 'CreateContainerConfigError', mounts.message);
      return;
    }
    const support = deps.mountSupport;
    if (mounts.mounts.length > 0 && !support.ok) {
      this.waitAndRetry(
        slot,
        'CreateContainerConfigError',
        `volumeMounts need a mount namespace, which the instance agent cannot create here: ${support.reason}`,
      );
      return;
    }
    const cwd = slot.spec.workingDir || deps.config.repoRoot;
    // With mounts, the wrapper changes directory once the mounts (which may hold cwd) are in place.
    const run =
      mounts.mounts.length > 0 && support.ok
        ? {
            argv: namespacedArgv(support, mounts.mounts, cwd, command.argv, deps.config.repoRoot),
            cwd: '/',
            reportsSetup: true,
          }
        : { argv: command.argv, cwd };
    const env: Record<string, string> = {
      ...deps.baseEnv,
      HOSTNAME: name,
      ...resolved.env,
      BRICKYARD_POD_IP: podIP,
      BRICKYARD_POD_NAME: name,
      BRICKYARD_POD_NAMESPACE: namespace,
      BRICKYARD_NODE_NAME: pod.spec?.nodeName ?? '',
      [POD_UID_VARIABLE]: this.uid,
      [CONTAINER_NAME_VARIABLE]: slot.spec.name,
    };
    const { state } = slot.record;
    const previous = state.kind === 'terminated' ? state.terminated : slot.record.lastTerminated;
    const child = await ContainerProcess.start(
      {
        ...run,
        env,
        logFile: join(deps.config.logDir, `${namespace}_${name}_${slot.spec.name}.log`),
      },
      deps.clock,
    );
    slot.startFailures = 0;
    if (this.closed) {
      // The agent began shutting down while this process started.
      child.signal('SIGKILL');
      return;
    }
    if (slot.ran) {
      slot.record.restartCount++;
      deps.metrics.containerRestarts.inc();
    }
    slot.ran = true;
    deps.metrics.processStarts.inc();
    if (previous) slot.record.lastTerminated = previous;
    slot.process = child;
    if (child.pid !== undefined) {
      slot.record.state = {
        kind: 'running',
        startedAt: kubeTime(child.startedAtMs),
        containerID: containerIdOf(child.pid),
      };
      slot.record.ready = !slot.spec.readinessProbe;
      if (slot.spec.readinessProbe) {
        const prober = new ReadinessProber(
          probeTarget(slot.spec.readinessProbe, slot.spec, podIP),
          probeTiming(slot.spec.readinessProbe),
          (ready) => {
            if (slot.process !== child) return;
            slot.record.ready = ready;
            this.requestSync();
          },
        );
        slot.prober = prober;
        prober.start();
      }
      this.log.info(
        {
          container: slot.spec.name,
          pid: child.pid,
          argv: command.argv,
          restartCount: slot.record.restartCount,
        },
        'Started container',
      );
    }
    void child.exited.then((exit) => this.onExit(slot, child, exit));
  }

  /** A container that cannot start yet: it waits with the reason and is tried again with backoff. */
  private waitAndRetry(slot: Slot, reason: string, message: string): void {
    const { state } = slot.record;
    if (state.kind === 'terminated') slot.record.lastTerminated = state.terminated;
    if (state.kind !== 'waiting' || state.message !== message) {
      this.log.warn({ container: slot.spec.name, reason, message }, 'Cannot start container');
    }
    slot.record.state = { kind: 'waiting', reason, message };
    slot.startFailures++;
    const { initialMs, maxMs } = this.deps.config.restartBackoff;
    const base = Math.max(1_000, initialMs);
    slot.notBeforeMs =
      this.deps.clock() + Math.min(Math.max(base, maxMs), base * 2 ** (slot.startFailures - 1));
    this.wakeAt(slot, slot.notBeforeMs);
  }

  private onExit(slot: Slot, child: ContainerProcess, exit: ProcessExit): void {
    if (slot.process !== child) return;
    slot.process = undefined;
    slot.prober?.stop();
    slot.prober = undefined;
    slot.record.ready = false;
    const terminated: TerminatedBody = {
      exitCode: exit.exitCode,
      ...(exit.signal ? { signal: constants.signals[exit.signal] } : {}),
      reason: exit.reason,
      ...(exit.message ? { message: exit.message } : {}),
      startedAt: kubeTime(child.pid === undefined ? exit.atMs : child.startedAtMs),
      finishedAt: kubeTime(exit.atMs),
      ...(child.pid === undefined ? {} : { containerID: containerIdOf(child.pid) }),
    };
    slot.record.state = { kind: 'terminated', terminated };
    const backoff = this.deps.config.restartBackoff;
    if (exit.atMs - child.startedAtMs >= backoffResetMs(backoff)) slot.consecutiveExits = 0;
    slot.consecutiveExits++;
    slot.backoffMs = restartDelayMs(slot.consecutiveExits, backoff);
    slot.notBeforeMs = exit.atMs + slot.backoffMs;
    const level = exit.exitCode === 0 || this.terminating || this.closed ? 'info' : 'warn';
    this.log[level](
      {
        container: slot.spec.name,
        pid: child.pid,
        exitCode: exit.exitCode,
        signal: exit.signal,
        reason: exit.reason,
      },
      'Container exited',
    );
    this.requestSync();
  }

  private async syncDeleting(): Promise<void> {
    if (!this.terminating) {
      const metadata = this.pod.metadata;
      const graceSeconds =
        metadata?.deletionGracePeriodSeconds ??
        this.pod.spec?.terminationGracePeriodSeconds ??
        DEFAULT_GRACE_SECONDS;
      this.log.info({ gracePeriodSeconds: graceSeconds }, 'Killing pod');
      this.terminate(graceSeconds * 1000);
    }
    if (this.anyRunning()) {
      await this.writeStatus(false);
      return;
    }
    clearTimeout(this.killTimer);
    await this.writeStatus(true);
    if (this.removed) return;
    const { name = '', namespace = '' } = this.pod.metadata ?? {};
    try {
      await this.deps.core.deleteNamespacedPod({
        name,
        namespace,
        gracePeriodSeconds: 0,
        body: { gracePeriodSeconds: 0, preconditions: { uid: this.uid } },
      });
      this.log.info('Deleted pod');
    } catch (error) {
      if (!isNotFound(error) && !isConflict(error)) throw error;
    }
    this.close('Pod terminated');
  }

  /** SIGTERM to every process now, SIGKILL to those left after the grace period. Once per pod. */
  private terminate(graceMs: number): void {
    if (this.terminating) return;
    this.terminating = true;
    for (const slot of this.allSlots()) {
      clearTimeout(slot.timer);
      slot.prober?.stop();
      slot.prober = undefined;
      slot.record.ready = false;
      slot.process?.signal('SIGTERM');
    }
    if (this.anyRunning()) {
      this.killTimer = setTimeout(() => {
        for (const slot of this.allSlots()) slot.process?.signal('SIGKILL');
      }, graceMs);
    }
  }

  private async writeStatus(terminal: boolean): Promise<void> {
    const status = this.computeStatus(terminal);
    this.phaseNow = status.phase;
    if (!this.gate.needsWrite(status, this.pod.status)) return;
    const { name = '', namespace = '' } = this.pod.metadata ?? {};
    try {
      // metadata.uid makes the patch fail (409) if a new pod of the same name replaced ours.
      const updated = await this.deps.core.patchNamespacedPodStatus(
        { name, namespace, body: { metadata: { uid: this.uid }, status } },
        MERGE_PATCH,
      );
      this.deps.metrics.statusWrites.inc({ result: 'success' });
      this.log.debug({ phase: status.phase }, 'Wrote pod status');
      this.gate.wrote(status, updated.status);
      this.takeIfNewer(updated);
    } catch (error) {
      this.deps.metrics.statusWrites.inc({ result: 'error' });
      if (isNotFound(error) || isConflict(error)) {
        this.removed = true;
        this.dirty = true;
        return;
      }
      throw error;
    }
  }

  private computeStatus(terminal: boolean): PodStatusBody {
    const input = {
      pod: this.pod,
      initContainers: this.initSlots.map((slot) => slot.record),
      containers: this.slots.map((slot) => slot.record),
      podIP: this.podIP,
      hostIP: this.deps.hostIP,
      startTime: this.startTime ?? kubeTime(this.deps.clock()),
      sandboxReady: this.podIP !== undefined && !terminal && !this.finished,
      terminal,
      now: kubeTime(this.deps.clock()),
    };
    const status = computePodStatus(input);
    if (input.sandboxReady && (status.phase === 'Succeeded' || status.phase === 'Failed')) {
      return computePodStatus({ ...input, sandboxReady: false });
    }
    return status;
  }

  /** Processes a previous agent left running for this pod's containers are killed first. */
  private async killOrphans(): Promise<void> {
    for (const slot of this.allSlots()) {
      if (slot.previousPid === undefined) continue;
      if (await killOrphan(slot.previousPid, this.uid, slot.spec.name)) {
        this.log.warn(
          { container: slot.spec.name, pid: slot.previousPid },
          'Killed process left by a previous agent',
        );
      }
    }
  }

  private newSlot(spec: V1Container, observed: Parameters<typeof adoptContainer>[0], now: string): Slot {
    const adopted = adoptContainer(observed, now);
    const record: ContainerRecord = {
      name: spec.name,
      image: spec.image ?? '',
      imageID: `brickyard://image/${imageRepository(spec.image ?? '')}`,
      restartCount: adopted.restartCount,
      state: adopted.state,
      ready: false,
    };
    if (adopted.lastTerminated) record.lastTerminated = adopted.lastTerminated;
    return {
      spec,
      record,
      ran: adopted.ran,
      ...(adopted.previousPid === undefined ? {} : { previousPid: adopted.previousPid }),
      consecutiveExits: 0,
      startFailures: 0,
      notBeforeMs: 0,
      backoffMs: 0,
    };
  }

  /** Keeps the newest version of the pod (our own status writes and the informer both deliver). */
  private takeIfNewer(pod: V1Pod): void {
    if (pod.metadata?.uid !== this.uid) return;
    const current = this.pod.metadata?.resourceVersion;
    const next = pod.metadata?.resourceVersion;
    if (current && next && /^\d+$/.test(current) && /^\d+$/.test(next) && BigInt(next) < BigInt(current))
      return;
    this.pod = pod;
  }

  private wakeAt(slot: Slot, atMs: number): void {
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.requestSync(), Math.max(0, atMs - this.deps.clock()));
  }

  private anyRunning(): boolean {
    return this.allSlots().some((slot) => slot.process !== undefined);
  }

  private allSlots(): Slot[] {
    return [...this.initSlots, ...this.slots];
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.killTimer);
    clearTimeout(this.volumeTimer);
    for (const slot of this.allSlots()) {
      clearTimeout(slot.timer);
      slot.prober?.stop();
    }
  }

  private close(message: string): void {
    if (this.closed) return;
    this.closed = true;
    this.clearTimers();
    this.deps.ipPool.release(this.uid);
    void this.removeVolumes();
    this.log.info(message);
    this.deps.onClosed(this.uid);
  }
}
