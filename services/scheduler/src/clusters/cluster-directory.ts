import { parseDefinition, policyDefinitionJson } from '@brickyard/common/cluster-policy';
import { startRequested } from '@brickyard/common/cluster-spec';
import type { ClusterPolicyResource, ClusterResource } from '@brickyard/common/crd';
import {
  type CachedInformer,
  customResourceInformer,
  isAlreadyExists,
  isNotFound,
  mergePatch,
  type ObjectCache,
} from '@brickyard/common/kube';
import { ClusterAnnotations, GROUP, VERSION, workspaceNamespace } from '@brickyard/common/vocabulary';
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { RUN_ID_LABEL } from '../runs/compute.js';
import { type ClusterObservation, MISSING_CLUSTER, type PolicyObservation } from '../runs/observations.js';

const FIELD_MANAGER = 'brickyard-scheduler';

/**
 * The Cluster resources as the scheduler sees them (an informer over every namespace), and the
 * three things it does to them: create a run's job cluster (cluster-spec's builder, as
 * clusters/create), start a terminated cluster a task needs (the change clusters/start makes),
 * mark a run's job clusters once the run is over (an annotation: the operator terminates them
 * then, and removes them after the retention period). It never touches their status, nor
 * deletes them. It also reads the cluster policies job clusters name (the API writes them).
 */
export class ClusterDirectory {
  private readonly api: CustomObjectsApi;
  private readonly informer: CachedInformer<ClusterResource>;
  private readonly cache: ObjectCache<ClusterResource>;
  private readonly policies: CachedInformer<ClusterPolicyResource>;

  constructor(kubeConfig: KubeConfig, log: Logger) {
    this.api = kubeConfig.makeApiClient(CustomObjectsApi);
    this.informer = customResourceInformer<ClusterResource>({
      name: 'clusters',
      kubeConfig,
      type: { group: GROUP, version: VERSION, plural: 'clusters' },
      log,
    });
    this.cache = this.informer.cache;
    this.policies = customResourceInformer<ClusterPolicyResource>({
      name: 'clusterpolicies',
      kubeConfig,
      type: { group: GROUP, version: VERSION, plural: 'clusterpolicies' },
      log,
    });
  }

  /** Called on every add, change and delete of a cluster. */
  onChange(listener: (cluster: ClusterResource) => void): void {
    this.informer.onChange(listener);
  }

  async start(): Promise<void> {
    await Promise.all([this.informer.start(), this.policies.start()]);
  }

  get synced(): Promise<void> {
    return Promise.all([this.informer.synced, this.policies.synced]).then(() => undefined);
  }

  async stop(): Promise<void> {
    await Promise.all([this.informer.stop(), this.policies.stop()]);
  }

  get(workspaceId: number, clusterId: string): ClusterResource | undefined {
    return this.cache.get(workspaceNamespace(workspaceId), clusterId);
  }

  observe(workspaceId: number, clusterId: string): ClusterObservation {
    const cluster = this.get(workspaceId, clusterId);
    if (!cluster) return MISSING_CLUSTER;
    const environment = cluster.spec.sparkEnvVars as Record<string, string> | undefined;
    return {
      exists: true,
      ...(cluster.status?.state ? { state: cluster.status.state } : {}),
      desiredState: cluster.spec.desiredState,
      deleting: Boolean(cluster.metadata.deletionTimestamp),
      ...(cluster.status?.stateMessage ? { message: cluster.status.stateMessage } : {}),
      ...(cluster.status?.terminationReason ? { terminationReason: cluster.status.terminationReason } : {}),
      ...(environment ? { environment } : {}),
    };
  }

  /** The rules of a cluster policy of the workspace (ids are upper case, resource names lower). */
  observePolicy(workspaceId: number, policyId: string): PolicyObservation {
    const policy = this.policies.cache.get(workspaceNamespace(workspaceId), policyId.toLowerCase());
    if (!policy || policy.metadata.deletionTimestamp) {
      return { found: false, message: `Cluster policy ${policyId} does not exist` };
    }
    const { definition, policyFamilyId, policyFamilyDefinitionOverrides } = policy.spec;
    const parsed = parseDefinition(
      policyDefinitionJson({
        definition,
        policy_family_id: policyFamilyId,
        policy_family_definition_overrides: policyFamilyDefinitionOverrides,
      }),
    );
    if ('problem' in parsed) {
      return {
        found: false,
        message: `The definition of cluster policy ${policyId} is malformed: ${parsed.problem}`,
      };
    }
    return { found: true, definition: parsed.definition };
  }

  /** The job clusters made for a run that still exist. */
  jobClustersOf(workspaceId: number, runId: number): ClusterResource[] {
    return this.cache
      .list(workspaceNamespace(workspaceId))
      .filter((cluster) => cluster.metadata.labels?.[RUN_ID_LABEL] === String(runId));
  }

  /** Every job cluster in the cache, for the sweep of job clusters whose run is over. */
  allJobClusters(): ClusterResource[] {
    return this.cache.list().filter((cluster) => cluster.metadata.labels?.[RUN_ID_LABEL] !== undefined);
  }

  /** Creates a job cluster; one that exists already (a retry after a crash) is fine. */
  async create(resource: ClusterResource): Promise<void> {
    const namespace = resource.metadata.namespace as string;
    try {
      const created = (await this.api.createNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        plural: 'clusters',
        namespace,
        body: resource,
        fieldManager: FIELD_MANAGER,
      })) as ClusterResource;
      this.cache.upsert(created);
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }

  /**
   * Asks for a terminated cluster to run again: the change clusters/start makes (cluster-spec's
   * startRequested), guarded by the resourceVersion it was computed from (a concurrent change
   * fails it with a conflict, and the next look decides again).
   */
  async startCluster(workspaceId: number, clusterId: string): Promise<void> {
    const current = this.get(workspaceId, clusterId);
    if (!current) return;
    const { desiredState, restartGeneration } = startRequested(current.spec);
    const updated = (await this.api.patchNamespacedCustomObject(
      {
        group: GROUP,
        version: VERSION,
        plural: 'clusters',
        namespace: workspaceNamespace(workspaceId),
        name: clusterId,
        body: {
          metadata: { resourceVersion: current.metadata.resourceVersion },
          spec: { desiredState, restartGeneration },
        },
        fieldManager: FIELD_MANAGER,
      },
      mergePatch,
    )) as ClusterResource;
    this.cache.upsert(updated);
  }

  /**
   * Marks a job cluster whose run is over (ClusterAnnotations.runFinished, a merge patch of that
   * annotation only); one that is gone meanwhile is fine.
   */
  async markRunFinished(cluster: ClusterResource, at: number): Promise<void> {
    try {
      const updated = (await this.api.patchNamespacedCustomObject(
        {
          group: GROUP,
          version: VERSION,
          plural: 'clusters',
          namespace: cluster.metadata.namespace as string,
          name: cluster.metadata.name as string,
          body: {
            metadata: { annotations: { [ClusterAnnotations.runFinished]: new Date(at).toISOString() } },
          },
          fieldManager: FIELD_MANAGER,
        },
        mergePatch,
      )) as ClusterResource;
      this.cache.upsert(updated);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
