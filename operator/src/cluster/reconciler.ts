import type { ClusterResource, WorkspaceResource } from '@brickyard/common/crd';
import type { EventRecorder, ObjectCache, ReconcileResult, StatusWriter } from '@brickyard/common/kube';
import { errorMessage, Finalizer, isAlreadyExists, isNotFound, timeMs } from '@brickyard/common/kube';
import { EventReasons, Finalizers, Labels, workspaceNamespace } from '@brickyard/common/vocabulary';
import type { CoreV1Api, CustomObjectsApi, V1Pod, V1Service } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { AssignmentSender } from '../instance-pool/assignment-sender.js';
import { planAdoptions } from './adoption.js';
import { ClusterEventTypes } from './cluster-events.js';
import type { ClusterMetrics } from './cluster-metrics.js';
import { ClusterPods } from './cluster-pods.js';
import { type ClusterEvent, type ClusterStatus, ClusterType } from './cluster-type.js';
import { deleteClusterResource } from './delete-cluster.js';
import type { DemandReader } from './demand.js';
import { desiredDriverService } from './desired.js';
import { type ClusterMemory, decideCluster } from './lifecycle.js';
import { driverServiceName } from './naming.js';
import { observePod } from './observed-pod.js';
import { planPods } from './pod-plan.js';
import { requeueAfterMs } from './requeue.js';
import { decideRetention } from './retention.js';
import type { ClusterSettings } from './settings.js';
import { computeClusterStatus, type StatusResult } from './status.js';

/** While a deleted cluster's pods are going away. */
const FINALIZE_POLL_MS = 500;
/** A deleted cluster waits this long for its pods to go; then the garbage collector finishes. */
const FINALIZE_WAIT_MS = 60_000;

export interface ClusterReconcilerOptions {
  clusters: ObjectCache<ClusterResource>;
  /** The Workspaces this operator serves: it serves the Clusters in their namespaces. */
  workspaces: ObjectCache<WorkspaceResource>;
  pods: ObjectCache<V1Pod>;
  /** The pods of instance pools: a cluster on a pool adopts idle ones. */
  poolPods: ObjectCache<V1Pod>;
  assignments: AssignmentSender;
  services: ObjectCache<V1Service>;
  core: CoreV1Api;
  customObjects: CustomObjectsApi;
  statusWriter: StatusWriter<ClusterStatus, ClusterResource>;
  demand: DemandReader;
  events: EventRecorder;
  settings: ClusterSettings;
  metrics: ClusterMetrics;
  clock?: () => number;
}

/** Kubernetes Event reasons (and types) for the cluster events. */
const ANNOUNCED: Record<string, { reason: string; warning?: boolean }> = {
  [ClusterEventTypes.creating]: { reason: EventReasons.clusterCreating },
  [ClusterEventTypes.starting]: { reason: EventReasons.clusterStarting },
  [ClusterEventTypes.running]: { reason: EventReasons.clusterRunning },
  [ClusterEventTypes.resizing]: { reason: EventReasons.clusterResizing },
  [ClusterEventTypes.upsizeCompleted]: { reason: EventReasons.clusterUpsizeCompleted },
  [ClusterEventTypes.restarting]: { reason: EventReasons.clusterRestarting },
  [ClusterEventTypes.terminating]: { reason: EventReasons.clusterTerminating },
  [ClusterEventTypes.nodesLost]: { reason: EventReasons.clusterNodesLost, warning: true },
};

/**
 * Reconciles one Cluster into a driver pod, worker pods and the driver's Service, after KubeRay's
 * raycluster_controller: observe (caches and the demand in Redis), decide with pure functions
 * (lifecycle.ts, pod-plan.ts), act idempotently (names are fixed, so nothing is created twice),
 * then compute the status from what was observed and write it once, only when it changed.
 */
export class ClusterReconciler {
  private readonly memory = new Map<string, { uid: string; memory: ClusterMemory }>();
  private readonly clock: () => number;
  private readonly finalizer: Finalizer<ClusterResource>;
  private readonly pods: ClusterPods;

  constructor(private readonly options: ClusterReconcilerOptions) {
    this.clock = options.clock ?? Date.now;
    this.finalizer = new Finalizer(options.customObjects, ClusterType, Finalizers.cluster);
    this.pods = new ClusterPods(options);
  }

  async reconcile(key: string, log: Logger): Promise<ReconcileResult> {
    const [namespace = '', name = ''] = key.split('/');
    const cached = this.options.clusters.get(namespace, name);
    if (!cached) {
      this.memory.delete(key);
      this.options.metrics.forget(key);
      return {};
    }
    const workspace = this.workspaceOf(namespace);
    if (!workspace) {
      this.options.metrics.forget(key);
      return {};
    }
    if (cached.metadata.deletionTimestamp) {
      this.options.metrics.forget(key);
      return this.finalize(cached, log);
    }
    const cluster = await this.ensureFinalizer(cached, log);
    const { settings } = this.options;

    const observed = this.podsOf(cluster).map((pod) => observePod(name, pod));
    const demand = wantsDemand(cluster) ? await this.options.demand.read(name) : undefined;
    const now = this.clock();
    const remembered = this.memory.get(key);
    const decision = decideCluster({
      cluster,
      pods: observed,
      demand,
      memory: remembered?.uid === cluster.metadata.uid ? remembered?.memory : undefined,
      settings,
      now,
    });
    this.memory.set(key, { uid: cluster.metadata.uid ?? '', memory: decision.memory });

    const failure = await this.act(cluster, workspace, planPods(cluster, decision, observed), log);
    const result = computeClusterStatus({
      cluster,
      decision,
      pods: this.podsOf(cluster).map((pod) => observePod(name, pod)),
      settings,
      ...(failure !== undefined ? { failure: errorMessage(failure) } : {}),
      now,
    });
    await this.writeStatus(cluster, result.status);
    this.options.metrics.observe(key, {
      workspaceId: String(workspace.spec.workspaceId),
      clusterId: name,
      state: result.status.state,
      desiredWorkers: result.status.desiredWorkers ?? 0,
      readyWorkers: result.status.readyWorkers ?? 0,
      usage: result.status.usage,
    });
    this.announce(cluster, result, log);
    if (failure !== undefined) throw failure;
    const current: ClusterResource = { ...cluster, status: result.status };
    const retention = decideRetention(current, settings.jobClusterRetentionMs, now);
    if (retention.kind === 'remove') {
      await this.removeExpired(current, log);
      return {};
    }
    return {
      requeueAfterMs: requeueAfterMs({
        cluster,
        decision,
        state: result.status.state ?? 'PENDING',
        wakeAtMs: result.wakeAtMs,
        removeAtMs: retention.kind === 'until' ? retention.removeAtMs : undefined,
        settings,
        now,
      }),
    };
  }

  /**
   * Removes a job cluster whose retention period after its run is over (retention.ts). The uid
   * precondition spares a cluster made meanwhile under the same name; the finalizer does the rest.
   */
  private async removeExpired(cluster: ClusterResource, log: Logger): Promise<void> {
    if (!(await deleteClusterResource(this.options.customObjects, cluster))) return;
    log.info(
      {
        terminatedTime: cluster.status?.terminatedTime,
        retentionMs: this.options.settings.jobClusterRetentionMs,
      },
      'Deleted job cluster after its retention period',
    );
  }

  /** The Workspace whose namespace this is, if this operator serves it. */
  private workspaceOf(namespace: string): WorkspaceResource | undefined {
    return this.options.workspaces
      .list()
      .find((workspace) => workspaceNamespace(workspace.spec.workspaceId) === namespace);
  }

  private podsOf(cluster: ClusterResource): V1Pod[] {
    const name = cluster.metadata.name;
    return this.options.pods
      .list(cluster.metadata.namespace)
      .filter((pod) => pod.metadata?.labels?.[Labels.clusterId] === name);
  }

  private async ensureFinalizer(cluster: ClusterResource, log: Logger): Promise<ClusterResource> {
    const patched = await this.finalizer.add(cluster);
    if (!patched) return cluster;
    this.options.clusters.upsert(patched);
    log.info({ finalizer: this.finalizer.name }, 'Added finalizer');
    return patched;
  }

  private async writeStatus(cluster: ClusterResource, status: ClusterStatus): Promise<void> {
    const written = await this.options.statusWriter.write(cluster, status);
    if (written) this.options.clusters.upsert(written);
  }

  /**
   * Carries out a plan: every step is tried (one failing pod does not hold up the others) and
   * the first failure is returned, to be reported in status and retried with backoff.
   */
  private async act(
    cluster: ClusterResource,
    workspace: WorkspaceResource,
    plan: ReturnType<typeof planPods>,
    log: Logger,
  ): Promise<unknown> {
    let failure: unknown;
    const attempt = async (step: () => Promise<void>): Promise<void> => {
      try {
        await step();
      } catch (error) {
        failure ??= error;
      }
    };
    await attempt(() =>
      plan.service === 'ensure'
        ? this.ensureService(cluster, workspace.spec.workspaceId, log)
        : this.deleteService(cluster, log),
    );
    const namespace = cluster.metadata.namespace ?? '';
    const { adopt, create } = planAdoptions(cluster, plan.create, (poolId) =>
      this.pods.idlePoolPods(namespace, poolId),
    );
    await Promise.all([
      ...plan.delete.map(({ pod, reason }) => attempt(() => this.pods.deletePod(cluster, pod, reason, log))),
      ...adopt.map((adoption) => attempt(() => this.pods.adoptPod(cluster, workspace, adoption, log))),
      ...create.map((slot) => attempt(() => this.pods.createPod(cluster, workspace, slot, log))),
      ...plan.resend.map((pod) => attempt(() => this.pods.sendAssignment(cluster, workspace, pod))),
    ]);
    return failure;
  }

  private async ensureService(cluster: ClusterResource, workspaceId: number, log: Logger): Promise<void> {
    const { core, services, events } = this.options;
    const body = desiredDriverService(cluster, workspaceId);
    const namespace = cluster.metadata.namespace ?? '';
    const name = body.metadata?.name ?? '';
    if (services.get(namespace, name)) return;
    try {
      services.upsert(await core.createNamespacedService({ namespace, body }));
    } catch (error) {
      if (isAlreadyExists(error)) return;
      throw error;
    }
    log.info({ service: name }, 'Created Service');
    void events.normal(cluster, EventReasons.createdService, `Created Service ${name}`);
  }

  private async deleteService(cluster: ClusterResource, log: Logger): Promise<void> {
    const { core, services, events } = this.options;
    const namespace = cluster.metadata.namespace ?? '';
    const name = driverServiceName(cluster.metadata.name ?? '');
    const existing = services.get(namespace, name);
    if (!existing) return;
    try {
      await core.deleteNamespacedService({ name, namespace });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    services.delete(existing);
    log.info({ service: name }, 'Deleted Service');
    void events.normal(cluster, EventReasons.deletedService, `Deleted Service ${name}`);
  }

  /**
   * Deletion (permanent-delete): the pods and the Service go, and once the pods are gone (or
   * after FINALIZE_WAIT_MS, leaving the rest to the garbage collector) the finalizer is released.
   */
  private async finalize(cluster: ClusterResource, log: Logger): Promise<ReconcileResult> {
    if (!this.finalizer.isOn(cluster)) return {};
    const name = cluster.metadata.name ?? '';
    const pods = this.podsOf(cluster).map((pod) => observePod(name, pod));
    await this.deleteService(cluster, log);
    await Promise.all(
      pods.filter((pod) => !pod.deleting).map((pod) => this.pods.deletePod(cluster, pod, 'terminating', log)),
    );
    const deletingFor = this.clock() - (timeMs(cluster.metadata.deletionTimestamp) ?? this.clock());
    if (this.podsOf(cluster).length > 0 && deletingFor < FINALIZE_WAIT_MS) {
      return { requeueAfterMs: FINALIZE_POLL_MS };
    }
    const released = await this.finalizer.remove(cluster);
    if (released) this.options.clusters.upsert(released);
    this.memory.delete(`${cluster.metadata.namespace}/${name}`);
    log.info({ finalizer: this.finalizer.name }, 'Removed finalizer');
    return {};
  }

  /** Logs the transitions and records each cluster event as a Kubernetes Event too. */
  private announce(cluster: ClusterResource, result: StatusResult, log: Logger): void {
    const { events } = this.options;
    const before = cluster.status?.state;
    const { state, stateMessage } = result.status;
    if (state !== before)
      log.info({ from: before, to: state, message: stateMessage }, 'Changed cluster state');
    this.options.metrics.recordEvents(result.status.events ?? [], result.events);
    for (const event of result.events) {
      const announced = ANNOUNCED[event.type];
      if (!announced) continue;
      const message = describe(event);
      if (announced.warning) void events.warning(cluster, announced.reason, message);
      else void events.normal(cluster, announced.reason, message);
    }
    if (state === 'ERROR' && before !== 'ERROR') {
      log.warn({ message: stateMessage }, 'Cluster failed');
      void events.warning(cluster, EventReasons.clusterFailed, stateMessage ?? 'The cluster failed');
    }
  }
}

/** A cluster event as a sentence: its type and details, e.g. "RESIZING: target_num_workers=3". */
function describe(event: ClusterEvent): string {
  const details = Object.entries(event.details ?? {})
    .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');
  return details ? `${event.type}: ${details}` : event.type;
}

/** Demand matters to a cluster meant to run that autoscales or auto-terminates. */
function wantsDemand(cluster: ClusterResource): boolean {
  const { spec } = cluster;
  return (
    spec.desiredState === 'RUNNING' &&
    (spec.autoscale !== undefined || (spec.autoterminationMinutes ?? 0) > 0)
  );
}
