import type { InstancePoolResource, WorkspaceResource } from '@brickyard/common/crd';
import type { ObjectCache, ReconcileResult, StatusWriter } from '@brickyard/common/kube';
import { errorMessage, isConflict, isNotFound } from '@brickyard/common/kube';
import { Labels, workspaceNamespace } from '@brickyard/common/vocabulary';
import type { CoreV1Api, V1Pod } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { ClusterSettings } from '../cluster/settings.js';
import { observePoolPod } from './observed-pool-pod.js';
import type { PoolMetrics } from './pool-metrics.js';
import { planPool } from './pool-plan.js';
import { poolPod } from './pool-pod.js';
import type { InstancePoolStatus } from './pool-type.js';

export interface InstancePoolReconcilerOptions {
  pools: ObjectCache<InstancePoolResource>;
  /** The Workspaces this operator serves: it serves the pools in their namespaces. */
  workspaces: ObjectCache<WorkspaceResource>;
  /** The pools' pods, idle and adopted (they keep their pool's label). */
  pods: ObjectCache<V1Pod>;
  core: CoreV1Api;
  statusWriter: StatusWriter<InstancePoolStatus, InstancePoolResource>;
  settings: ClusterSettings;
  metrics: PoolMetrics;
  clock?: () => number;
}

/**
 * Keeps an instance pool's idle pods: its minimum of warm ones within max_capacity, those beyond
 * it ended once idle for idle_instance_autotermination_minutes (pool-plan.ts decides). Clusters
 * adopt idle pods (the cluster controller); the pool then counts them as used and starts others.
 * A deleted pool's idle pods go with it (they are its own); adopted ones belong to their cluster.
 */
export class InstancePoolReconciler {
  private readonly clock: () => number;

  constructor(private readonly options: InstancePoolReconcilerOptions) {
    this.clock = options.clock ?? Date.now;
  }

  async reconcile(key: string, log: Logger): Promise<ReconcileResult> {
    const [namespace = '', name = ''] = key.split('/');
    const pool = this.options.pools.get(namespace, name);
    if (!pool || pool.metadata.deletionTimestamp) {
      this.options.metrics.forget(key);
      return {};
    }
    const workspace = this.options.workspaces
      .list()
      .find((candidate) => workspaceNamespace(candidate.spec.workspaceId) === namespace);
    if (!workspace) {
      this.options.metrics.forget(key);
      return {};
    }

    const pods = this.podsOf(pool).map(observePoolPod);
    const now = this.clock();
    // A minute of idle time is as long as one of a cluster's auto-termination.
    const plan = planPool(pool.spec, pods, now, this.options.settings.minuteMs);
    // An idle pod that ended (its runtime gave up) is replaced like one that expired.
    const ended = pods
      .filter((pod) => pod.clusterId === undefined && pod.deleting)
      .filter((pod) => !this.beingDeleted(namespace, pod.name));
    let failure: unknown;
    const attempt = (step: () => Promise<void>) =>
      step().catch((error: unknown) => {
        failure ??= error;
      });
    await Promise.all([
      ...[...plan.delete, ...ended.map((pod) => pod.name)].map((podName) =>
        attempt(() => this.deleteIdlePod(namespace, podName, log)),
      ),
      ...Array.from({ length: plan.create }, () =>
        attempt(() => this.createIdlePod(pool, workspace.spec.workspaceId, log)),
      ),
    ]);
    const written = await this.options.statusWriter.write(pool, {
      state: 'ACTIVE',
      stats: plan.stats,
      observedGeneration: pool.metadata.generation ?? 0,
    });
    if (written) this.options.pools.upsert(written);
    this.options.metrics.observe(key, String(workspace.spec.workspaceId), name, plan.stats);
    if (failure !== undefined) throw failure;
    return plan.wakeAtMs === undefined ? {} : { requeueAfterMs: Math.max(0, plan.wakeAtMs - now) };
  }

  private podsOf(pool: InstancePoolResource): V1Pod[] {
    return this.options.pods
      .list(pool.metadata.namespace)
      .filter((pod) => pod.metadata?.labels?.[Labels.instancePoolId] === pool.metadata.name);
  }

  private beingDeleted(namespace: string, podName: string): boolean {
    const pod = this.options.pods.get(namespace, podName);
    return pod?.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  }

  private async createIdlePod(pool: InstancePoolResource, workspaceId: number, log: Logger): Promise<void> {
    const body = poolPod(pool, { workspaceId, settings: this.options.settings });
    if (!body) {
      log.warn({ nodeType: pool.spec.nodeTypeId }, 'The pool names an unknown node type; no idle pods');
      return;
    }
    // Named by the apiserver: into the cache at once, so the next pass does not start another.
    const created = await this.options.core.createNamespacedPod({
      namespace: pool.metadata.namespace ?? '',
      body,
    });
    this.options.pods.upsert(created);
    log.info({ pod: created.metadata?.name }, 'Started an idle pool pod');
  }

  /**
   * Ends an idle pod unless a cluster adopted it meanwhile: the delete is conditional on the
   * version the plan saw, and adoption changes it.
   */
  private async deleteIdlePod(namespace: string, podName: string, log: Logger): Promise<void> {
    const pod = this.options.pods.get(namespace, podName);
    if (!pod?.metadata) return;
    const { uid, resourceVersion } = pod.metadata;
    try {
      const deleted = await this.options.core.deleteNamespacedPod({
        name: podName,
        namespace,
        body: { preconditions: { uid: uid ?? '', resourceVersion: resourceVersion ?? '' } },
      });
      if (deleted.spec?.nodeName) this.options.pods.upsert(deleted);
      else this.options.pods.delete(deleted);
    } catch (error) {
      if (isNotFound(error) || isConflict(error)) return;
      log.warn({ pod: podName, err: errorMessage(error) }, 'Failed to end an idle pool pod');
      throw error;
    }
    log.info({ pod: podName }, 'Ended an idle pool pod');
  }
}
