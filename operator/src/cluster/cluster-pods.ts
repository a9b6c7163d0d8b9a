import type { ClusterResource, WorkspaceResource } from '@brickyard/common/crd';
import type { EventRecorder, ObjectCache } from '@brickyard/common/kube';
import { errorMessage, isAlreadyExists, isConflict, isNotFound, mergePatch } from '@brickyard/common/kube';
import { EventReasons, Labels } from '@brickyard/common/vocabulary';
import type { CoreV1Api, V1Pod } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { AssignmentSender } from '../instance-pool/assignment-sender.js';
import { observePoolPod } from '../instance-pool/observed-pool-pod.js';
import type { PoolPod } from '../instance-pool/pool-plan.js';
import { type Adoption, adoptionPatch, assignmentOf } from './adoption.js';
import { desiredPod, poolOfSlot } from './desired.js';
import type { PodSlot } from './naming.js';
import type { ObservedPod } from './observed-pod.js';
import type { DeletionReason } from './pod-plan.js';
import type { ClusterSettings } from './settings.js';

/** Tries at taking an idle pod whose version keeps changing (its status being written). */
const ADOPTION_ATTEMPTS = 3;

export interface ClusterPodsDeps {
  core: CoreV1Api;
  pods: ObjectCache<V1Pod>;
  /** The pods of instance pools: a cluster on a pool adopts idle ones. */
  poolPods: ObjectCache<V1Pod>;
  assignments: AssignmentSender;
  events: EventRecorder;
  settings: ClusterSettings;
}

/**
 * The cluster controller's pod operations, each idempotent: create a slot's pod, adopt an idle
 * pool pod into a slot, delete a pod. Caches are updated at once, so the next pass sees the change.
 */
export class ClusterPods {
  constructor(private readonly deps: ClusterPodsDeps) {}

  idlePoolPods(namespace: string, poolId: string): PoolPod[] {
    return this.deps.poolPods
      .list(namespace)
      .filter((pod) => pod.metadata?.labels?.[Labels.instancePoolId] === poolId)
      .map(observePoolPod)
      .filter((pod) => pod.clusterId === undefined && !pod.deleting);
  }

  /**
   * Makes an idle pool pod the pod of a slot, then sends its runtime the slot's env. The patch is
   * conditional on the pod's version: when that changed (its kubelet wrote its status, another
   * cluster or the pool took it), the pod is read again and taken if it is still idle; a pod that
   * is gone or taken leaves the slot a cold pod, as with no idle pod at all.
   */
  async adoptPod(
    cluster: ClusterResource,
    workspace: WorkspaceResource,
    adoption: Adoption,
    log: Logger,
  ): Promise<void> {
    const { core, pods, poolPods, events } = this.deps;
    const namespace = cluster.metadata.namespace ?? '';
    const workspaceId = workspace.spec.workspaceId;
    let adopted: V1Pod | undefined;
    let pod: PoolPod | undefined = adoption.pod;
    for (let attempt = 1; pod && !adopted && attempt <= ADOPTION_ATTEMPTS; attempt++) {
      try {
        const body = adoptionPatch(cluster, { slot: adoption.slot, pod }, workspaceId);
        adopted = await core.patchNamespacedPod({ name: pod.name, namespace, body }, mergePatch);
      } catch (error) {
        if (!isConflict(error) && !isNotFound(error)) throw error;
        const fresh: V1Pod | undefined = await core
          .readNamespacedPod({ name: pod.name, namespace })
          .catch(() => undefined);
        const observed: PoolPod | undefined = fresh ? observePoolPod(fresh) : undefined;
        pod = observed && observed.clusterId === undefined && !observed.deleting ? observed : undefined;
      }
    }
    if (!adopted) {
      log.info(
        { pod: adoption.pod.name, slot: adoption.slot.name },
        'A pool pod was taken meanwhile; starting a cold one',
      );
      return this.createPod(cluster, workspace, adoption.slot, log);
    }
    pods.upsert(adopted);
    poolPods.upsert(adopted);
    await this.deps.assignments.send(adoption.pod.uid, assignmentOf(cluster, adoption.slot, workspaceId));
    log.info({ pod: adoption.pod.name, slot: adoption.slot.name }, 'Adopted a pool pod');
    void events.normal(
      cluster,
      EventReasons.adoptedPoolPod,
      `Adopted pod ${adoption.pod.name} of instance pool ${poolOfSlot(cluster, adoption.slot)} as ${adoption.slot.role}`,
    );
  }

  /** Sends an adopted pod its slot again: the first send may have been lost with the operator. */
  async sendAssignment(
    cluster: ClusterResource,
    workspace: WorkspaceResource,
    pod: ObservedPod,
  ): Promise<void> {
    if (!pod.slot) return;
    await this.deps.assignments.send(pod.uid, assignmentOf(cluster, pod.slot, workspace.spec.workspaceId));
  }

  async createPod(
    cluster: ClusterResource,
    workspace: WorkspaceResource,
    slot: PodSlot,
    log: Logger,
  ): Promise<void> {
    const { settings, core, pods, events } = this.deps;
    const body = desiredPod(cluster, slot, { workspaceId: workspace.spec.workspaceId, settings });
    if (!body) return;
    const namespace = cluster.metadata.namespace ?? '';
    try {
      pods.upsert(await core.createNamespacedPod({ namespace, body }));
    } catch (error) {
      if (isAlreadyExists(error)) return;
      void events.warning(
        cluster,
        EventReasons.failedToCreatePod,
        `Failed to create pod ${slot.name}: ${errorMessage(error)}`,
      );
      throw error;
    }
    log.info({ pod: slot.name, role: slot.role }, 'Created Pod');
    void events.normal(cluster, EventReasons.createdPod, `Created ${slot.role} pod ${slot.name}`);
  }

  async deletePod(
    cluster: ClusterResource,
    pod: ObservedPod,
    reason: DeletionReason,
    log: Logger,
  ): Promise<void> {
    const { core, pods, events } = this.deps;
    const namespace = cluster.metadata.namespace ?? '';
    let deleted: V1Pod;
    try {
      // The uid precondition: never delete a replacement made meanwhile under the same name.
      deleted = await core.deleteNamespacedPod({
        name: pod.name,
        namespace,
        body: { preconditions: { uid: pod.uid } },
      });
    } catch (error) {
      if (isNotFound(error) || isConflict(error)) return;
      throw error;
    }
    // A pod on a node is deleted gracefully (its kubelet finishes the job); one on none at once.
    if (deleted.spec?.nodeName) pods.upsert(deleted);
    else pods.delete(deleted);
    log.info({ pod: pod.name, reason }, 'Deleted Pod');
    void events.normal(cluster, EventReasons.deletedPod, `Deleted pod ${pod.name} (${reason})`);
  }
}
