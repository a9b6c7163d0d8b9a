import { join } from 'node:path';
import { asKubeTime, isConflict, isNotFound, kubeTime } from '@brickyard/common/kube';
import {
  type CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type V1Container,
  type V1Pod,
} from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { AgentConfig } from '../config.js';
import type { DownwardContext } from '../env/downward-api.js';
import { referencedSources } from '../env/env-resolution.js';
import { fetchEnvSources } from '../env/env-sources.js';
import type { AgentMetrics } from '../metrics.js';
import type { PodIpAllocator } from '../node/ip-allocator.js';
import type { MountSupport } from '../volumes/mount-namespace.js';
import { PodVolumes, type VolumeSetup } from '../volumes/pod-volumes.js';
import { type Launch, planLaunch } from './container-launch.js';
import { DEFAULT_GRACE_SECONDS, PodContainers } from './pod-containers.js';
import { computePodStatus, type PodPhase, type PodStatusBody } from './pod-status.js';
import { restartPolicyOf } from './restart-policy.js';
import { SerialSync } from './serial-sync.js';
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

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
/** SIGTERM to SIGKILL for processes of a pod that vanished from the API (force-deleted). */
const REMOVED_GRACE_MS = 2_000;
const NO_ADDRESS_RETRY_MS = 5_000;

/**
 * The kubelet's pod worker for one pod: gives it an address and its volumes, runs its containers
 * (pod-containers.ts), reports status through pods/status when it changed, and on deletion stops
 * the processes (SIGTERM, SIGKILL after the grace period) and removes the pod object. Work happens
 * in syncs that never overlap; informer updates, process exits, probe results and timers each ask
 * for one.
 */
export class PodWorker {
  readonly uid: string;
  private pod: V1Pod;
  private readonly containers: PodContainers;
  private readonly log: Logger;
  private readonly gate = new StatusWriteGate();
  private podIP: string | undefined;
  private startTime: string | undefined;
  private phaseNow: PodPhase;
  /** Reached Succeeded or Failed: nothing of it runs again. */
  private finished: boolean;
  private removed = false;
  private closed = false;
  private orphansChecked = false;
  private readonly syncs: SerialSync;
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
    const observed = pod.status;
    this.containers = new PodContainers(pod.spec, observed, kubeTime(deps.clock()), {
      uid: this.uid,
      log: this.log,
      metrics: deps.metrics,
      clock: deps.clock,
      restartBackoff: deps.config.restartBackoff,
      podRef: () => `${this.pod.metadata?.name}_${this.pod.metadata?.namespace}(${this.uid})`,
      podIP: () => this.podIP ?? '',
      prepareLaunch: (spec) => this.prepareLaunch(spec),
      requestSync: () => this.requestSync(),
    });
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
    this.syncs = new SerialSync(
      () => this.syncOnce(),
      (error, retryInMs) => this.log.warn({ err: error, retryInMs }, 'Failed to sync pod'),
    );
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
    this.stopTimers();
    await this.containers.shutdown(graceMs);
  }

  /** Asks for a sync: informer updates, process exits, probe results and timers all do. */
  requestSync(): void {
    this.syncs.request();
  }

  private async syncOnce(): Promise<void> {
    if (this.closed) return;
    if (this.removed) {
      this.containers.terminate(REMOVED_GRACE_MS);
      if (!this.containers.anyRunning()) this.close('Forgot pod removed from the API');
      return;
    }
    if (!this.orphansChecked) {
      await this.containers.killOrphans();
      this.orphansChecked = true;
    }
    if (this.pod.metadata?.deletionTimestamp) {
      await this.syncDeleting();
      return;
    }
    if (this.finished) return;
    this.ensureSandbox();
    if (this.podIP !== undefined) await this.containers.drive(restartPolicyOf(this.pod.spec?.restartPolicy));
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
    if (!this.volumesReady || this.containers.terminating) return;
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
      this.containers.holdUnstarted({
        kind: 'waiting',
        reason: 'ContainerCreating',
        message: 'no free pod address',
      });
      this.syncs.retryIn(NO_ADDRESS_RETRY_MS);
    }
  }

  /**
   * How to start a container: the pod's volumes set up and the Secrets and ConfigMaps of its env
   * fetched first. Undefined if the pod went away (or the agent stops) meanwhile.
   */
  private async prepareLaunch(spec: V1Container): Promise<Launch | undefined> {
    const gone = () => this.closed || this.removed || Boolean(this.pod.metadata?.deletionTimestamp);
    const volumes = await this.setUpVolumes();
    if (gone()) return undefined;
    if (!volumes.ok) return { ok: false, reason: 'ContainerCreating', message: volumes.message };
    const namespace = this.pod.metadata?.namespace ?? '';
    const sources = await fetchEnvSources(this.deps.core, namespace, referencedSources([spec]));
    if (gone()) return undefined;
    const { config, baseEnv, serviceEnv, mountSupport } = this.deps;
    return planLaunch(spec, {
      downward: this.downwardContext(),
      uid: this.uid,
      sources,
      volumeDir: (volume) => this.volumes.dir(volume),
      config,
      baseEnv,
      serviceEnv,
      mountSupport,
    });
  }

  private async syncDeleting(): Promise<void> {
    if (!this.containers.terminating) {
      const metadata = this.pod.metadata;
      const graceSeconds =
        metadata?.deletionGracePeriodSeconds ??
        this.pod.spec?.terminationGracePeriodSeconds ??
        DEFAULT_GRACE_SECONDS;
      this.log.info({ gracePeriodSeconds: graceSeconds }, 'Killing pod');
      this.containers.terminate(graceSeconds * 1000);
    }
    if (this.containers.anyRunning()) {
      await this.writeStatus(false);
      return;
    }
    this.containers.cancelKill();
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
        this.requestSync();
        return;
      }
      throw error;
    }
  }

  private computeStatus(terminal: boolean): PodStatusBody {
    const input = {
      pod: this.pod,
      initContainers: this.containers.initRecords,
      containers: this.containers.records,
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

  /** Keeps the newest version of the pod (our own status writes and the informer both deliver). */
  private takeIfNewer(pod: V1Pod): void {
    if (pod.metadata?.uid !== this.uid) return;
    const current = this.pod.metadata?.resourceVersion;
    const next = pod.metadata?.resourceVersion;
    if (current && next && /^\d+$/.test(current) && /^\d+$/.test(next) && BigInt(next) < BigInt(current))
      return;
    this.pod = pod;
  }

  /** No sync, volume refresh, restart, retry or probe is waited for any more. */
  private stopTimers(): void {
    this.syncs.stop();
    clearTimeout(this.volumeTimer);
    this.containers.stop();
  }

  private close(message: string): void {
    if (this.closed) return;
    this.closed = true;
    this.stopTimers();
    this.deps.ipPool.release(this.uid);
    void this.removeVolumes();
    this.log.info(message);
    this.deps.onClosed(this.uid);
  }
}
