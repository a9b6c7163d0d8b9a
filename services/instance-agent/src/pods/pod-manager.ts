import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ResilientInformer } from '@brickyard/common/kube';
import type { CoreV1Api, KubeConfig, V1Pod } from '@kubernetes/client-node';
import { removePodDir } from '../volumes/pod-volumes.js';
import { unmountAllUnder } from '../volumes/s3-mount.js';
import type { PodPhase } from './pod-status.js';
import { PodWorker, type PodWorkerDeps } from './pod-worker.js';

export interface PodManagerOptions extends Omit<PodWorkerDeps, 'onClosed'> {
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  /** Whether a Node is one of the agent's: its configured Nodes and the instances it launched. */
  ownsNode: (nodeName: string) => boolean;
}

/** How long a finished pod's uid is remembered, so late events about it start nothing. */
const TOMBSTONE_MS = 10 * 60_000;

/** Pods bound to some Node: the field selector a kubelet uses, widened to every Node. */
const BOUND = 'spec.nodeName!=';

/**
 * Watches the pods bound to the agent's Nodes and keeps one PodWorker per pod uid. One informer
 * watches every bound pod (the agent's Nodes come and go with its instances) and the agent takes
 * those whose Node it owns.
 */
export class PodManager {
  private readonly workers = new Map<string, PodWorker>();
  /** namespace/name → uid of the pod the agent runs under that name. */
  private readonly uidByName = new Map<string, string>();
  private readonly tombstones = new Map<string, number>();
  private readonly informer: ResilientInformer<V1Pod>;
  private stopped = false;

  constructor(private readonly options: PodManagerOptions) {
    this.informer = new ResilientInformer<V1Pod>({
      name: 'bound-pods',
      kubeConfig: options.kubeConfig,
      path: '/api/v1/pods',
      fieldSelector: BOUND,
      list: () => options.core.listPodForAllNamespaces({ fieldSelector: BOUND }),
      handlers: {
        add: (pod) => this.onPod(pod),
        update: (pod) => this.onPod(pod),
        delete: (pod) => this.onDelete(pod),
      },
      log: options.log,
    });
  }

  /** Starts the informer; resolves once it has delivered its first list. */
  async start(): Promise<void> {
    await this.informer.start();
    await this.removeOrphanedPodDirs();
  }

  /** Pod directories (volumes) of pods deleted while no agent ran: nothing will close them. */
  private async removeOrphanedPodDirs(): Promise<void> {
    const podsDir = join(this.options.config.stateDir, 'pods');
    const uids = await readdir(podsDir).catch(() => [] as string[]);
    for (const uid of uids) {
      if (this.workers.has(uid)) continue;
      try {
        await removePodDir(join(podsDir, uid));
        this.options.log.info({ uid }, 'Removed the volumes of a pod that is gone');
      } catch (error) {
        this.options.log.warn({ err: error, uid }, 'Could not remove the volumes of a pod that is gone');
      }
    }
  }

  get synced(): boolean {
    return this.informer.isSynced;
  }

  /** The phase of every pod the agent runs, for the pods gauge. */
  *phases(): Iterable<PodPhase> {
    for (const worker of this.workers.values()) yield worker.phase;
  }

  get podCount(): number {
    return this.workers.size;
  }

  /**
   * Stops watching and stops every process (SIGTERM, SIGKILL after graceMs), then unmounts the
   * pods' S3 volumes: no s3fs outlives the agent (the next one mounts them again), so nothing that
   * removes the state directory can reach a bucket through them.
   */
  async shutdown(graceMs: number): Promise<void> {
    this.stopped = true;
    await this.informer.stop();
    await Promise.all([...this.workers.values()].map((worker) => worker.shutdown(graceMs)));
    this.workers.clear();
    this.uidByName.clear();
    const podsDir = join(this.options.config.stateDir, 'pods');
    if (!(await unmountAllUnder(podsDir)))
      this.options.log.warn({ podsDir }, 'A pod volume is still mounted');
  }

  private onPod(pod: V1Pod): void {
    const uid = pod.metadata?.uid;
    if (!uid || this.stopped || !this.options.ownsNode(pod.spec?.nodeName ?? '')) return;
    this.forgetOldTombstones();
    if (this.tombstones.has(uid)) return;
    // A relist reports a pod deleted and created again under the same name as an update.
    const key = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
    const previousUid = this.uidByName.get(key);
    if (previousUid !== undefined && previousUid !== uid) this.workers.get(previousUid)?.remove();
    this.uidByName.set(key, uid);
    let worker = this.workers.get(uid);
    if (!worker) {
      worker = new PodWorker(pod, { ...this.options, onClosed: (closed) => this.onClosed(closed) });
      this.workers.set(uid, worker);
    }
    worker.update(pod);
  }

  private onDelete(pod: V1Pod): void {
    const uid = pod.metadata?.uid;
    if (uid) this.workers.get(uid)?.remove();
  }

  private onClosed(uid: string): void {
    this.workers.delete(uid);
    for (const [key, owner] of this.uidByName) if (owner === uid) this.uidByName.delete(key);
    this.tombstones.set(uid, this.options.clock() + TOMBSTONE_MS);
  }

  private forgetOldTombstones(): void {
    const now = this.options.clock();
    for (const [uid, expiry] of this.tombstones) if (expiry < now) this.tombstones.delete(uid);
  }
}
