import type { WorkspaceResource } from '@brickyard/common/crd';
import { type CachedInformer, customResourceInformer } from '@brickyard/common/kube';
import { GROUP, SHARD_LABEL, VERSION } from '@brickyard/common/vocabulary';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';

/** The shard of schedulers that serve the Workspaces without a shard label. */
const DEFAULT_SHARD = 'default';

/** The Workspaces of a shard, as the operator selects them: by label, none for the default one. */
export function shardWorkspaceSelector(shard: string): string {
  return shard === DEFAULT_SHARD ? `!${SHARD_LABEL}` : `${SHARD_LABEL}=${shard}`;
}

export interface ServedWorkspacesOptions {
  kubeConfig: KubeConfig;
  shard: string;
  /** A fixed list (BRICKYARD_SCHEDULER_WORKSPACES): served whatever their labels, nothing else. */
  only: ReadonlySet<number> | undefined;
  log: Logger;
}

/**
 * Which workspaces' runs and schedules this scheduler takes: those of its shard, found by the
 * Workspaces' shard label like the operator does, so that schedulers of two installations on one
 * Kubernetes never take each other's runs; or exactly a fixed list of ids.
 */
export class ServedWorkspaces {
  private ids = new Set<number>();
  private readonly informer: CachedInformer<WorkspaceResource> | undefined;

  constructor(private readonly options: ServedWorkspacesOptions) {
    if (options.only) return;
    const informer = customResourceInformer<WorkspaceResource>({
      name: 'workspaces',
      kubeConfig: options.kubeConfig,
      type: { group: GROUP, version: VERSION, plural: 'workspaces' },
      labelSelector: shardWorkspaceSelector(options.shard),
      log: options.log,
    });
    // A handful of Workspaces: the set is rebuilt from the cache on every change.
    informer.onChange(() => {
      this.ids = new Set(informer.cache.list().map((workspace) => workspace.spec.workspaceId));
    });
    this.informer = informer;
  }

  has(workspaceId: number): boolean {
    return this.options.only ? this.options.only.has(workspaceId) : this.ids.has(workspaceId);
  }

  /** Resolves once the shard's Workspaces are known (at once for a fixed list). */
  async start(): Promise<void> {
    if (!this.informer) return;
    await this.informer.start();
    await this.informer.synced;
  }

  async stop(): Promise<void> {
    await this.informer?.stop();
  }
}
