import { backoffDelay, isAlreadyExists, isNotFound, kubeTime } from '@brickyard/common/kube';
import {
  type CoordinationV1Api,
  type CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  V1MicroTime,
  type V1Node,
} from '@kubernetes/client-node';
import type { Logger } from 'pino';
import {
  NODE_LEASE_NAMESPACE,
  type NodeIdentity,
  nodeLabels,
  nodeLease,
  nodeObject,
  nodeStatus,
} from './node-object.js';

export interface InstanceNodeOptions {
  core: CoreV1Api;
  coordination: CoordinationV1Api;
  identity: NodeIdentity;
  heartbeat: { leaseDurationSeconds: number; leaseRenewSeconds: number; statusUpdateSeconds: number };
  log: Logger;
  clock?: () => number;
}

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/**
 * One emulated EC2 instance as a Kubernetes Node: registers it (or takes over the Node a
 * previous run left), then renews its Lease every leaseRenewSeconds and posts its status with a
 * fresh Ready heartbeat every statusUpdateSeconds, so the node lifecycle controller keeps it
 * Ready and lifts the not-ready taint. Taints are the controller's; the agent never edits them.
 * Stopping leaves the Node in place, as a stopped kubelet does; it goes NotReady after the grace.
 */
export class InstanceNode {
  private nodeUid: string | undefined;
  private conditions: NonNullable<V1Node['status']>['conditions'] = [];
  private leaseTimer: NodeJS.Timeout | undefined;
  private statusTimer: NodeJS.Timeout | undefined;
  private leaseFailures = 0;
  private statusFailures = 0;
  private stopped = false;
  private readonly clock: () => number;

  constructor(private readonly options: InstanceNodeOptions) {
    this.clock = options.clock ?? Date.now;
  }

  get name(): string {
    return this.options.identity.name;
  }

  get registered(): boolean {
    return this.nodeUid !== undefined;
  }

  /** Creates the Node or adopts an existing one, posts its status and renews its Lease. */
  async register(): Promise<void> {
    const { core, identity, log } = this.options;
    let node = await this.readNode();
    if (!node) {
      try {
        node = await core.createNode({ body: nodeObject(identity, kubeTime(this.clock())) });
        log.info({ node: identity.name }, 'Registered Node');
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
        node = await core.readNode({ name: identity.name });
      }
    } else {
      const labels = nodeLabels(identity);
      const current = node.metadata?.labels ?? {};
      if (Object.entries(labels).some(([key, value]) => current[key] !== value)) {
        node = await core.patchNode({ name: identity.name, body: { metadata: { labels } } }, MERGE_PATCH);
      }
      log.info({ node: identity.name }, 'Took over existing Node');
    }
    this.nodeUid = node.metadata?.uid;
    this.conditions = node.status?.conditions ?? [];
    await this.postStatus();
    await this.renewLease();
  }

  /** Starts the heartbeats (after register). */
  start(): void {
    this.stopped = false;
    this.scheduleLease(this.options.heartbeat.leaseRenewSeconds * 1000);
    this.scheduleStatus(this.options.heartbeat.statusUpdateSeconds * 1000);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.leaseTimer);
    clearTimeout(this.statusTimer);
  }

  private async readNode(): Promise<V1Node | undefined> {
    try {
      return await this.options.core.readNode({ name: this.name });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async postStatus(): Promise<void> {
    const status = nodeStatus(this.options.identity, this.conditions ?? [], kubeTime(this.clock()));
    const updated = await this.options.core.patchNodeStatus(
      { name: this.name, body: { status } },
      MERGE_PATCH,
    );
    this.conditions = updated.status?.conditions ?? [];
  }

  private async renewLease(): Promise<void> {
    const { coordination, heartbeat, identity } = this.options;
    const renewTime = new V1MicroTime(this.clock());
    try {
      await coordination.patchNamespacedLease(
        {
          name: identity.name,
          namespace: NODE_LEASE_NAMESPACE,
          body: {
            spec: {
              holderIdentity: identity.name,
              leaseDurationSeconds: heartbeat.leaseDurationSeconds,
              renewTime,
            },
          },
        },
        MERGE_PATCH,
      );
    } catch (error) {
      if (!isNotFound(error) || !this.nodeUid) throw error;
      await coordination.createNamespacedLease({
        namespace: NODE_LEASE_NAMESPACE,
        body: nodeLease(identity.name, this.nodeUid, heartbeat.leaseDurationSeconds, renewTime),
      });
    }
  }

  private scheduleLease(delayMs: number): void {
    if (this.stopped) return;
    this.leaseTimer = setTimeout(() => {
      this.renewLease().then(
        () => {
          this.leaseFailures = 0;
          this.scheduleLease(this.options.heartbeat.leaseRenewSeconds * 1000);
        },
        (error: unknown) => {
          this.leaseFailures++;
          const retry = Math.min(
            this.options.heartbeat.leaseRenewSeconds * 1000,
            backoffDelay(this.leaseFailures),
          );
          this.options.log.warn(
            { err: error, node: this.name, retryInMs: retry },
            'Failed to renew node Lease',
          );
          this.scheduleLease(retry);
        },
      );
    }, delayMs);
  }

  private scheduleStatus(delayMs: number): void {
    if (this.stopped) return;
    this.statusTimer = setTimeout(() => {
      this.heartbeat().then(
        () => {
          this.statusFailures = 0;
          this.scheduleStatus(this.options.heartbeat.statusUpdateSeconds * 1000);
        },
        (error: unknown) => {
          this.statusFailures++;
          const retry = Math.min(
            this.options.heartbeat.statusUpdateSeconds * 1000,
            backoffDelay(this.statusFailures),
          );
          this.options.log.warn(
            { err: error, node: this.name, retryInMs: retry },
            'Failed to post node status',
          );
          this.scheduleStatus(retry);
        },
      );
    }, delayMs);
  }

  /** Posts the status; a Node deleted under the agent is registered again. */
  private async heartbeat(): Promise<void> {
    try {
      await this.postStatus();
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.options.log.warn({ node: this.name }, 'Node was deleted, registering it again');
      this.nodeUid = undefined;
      this.conditions = [];
      await this.register();
    }
  }
}
