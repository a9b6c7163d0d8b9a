import type { WorkspaceResource } from '@brickyard/common/crd';
import type { EventRecorder, ObjectCache, ReconcileResult, StatusWriter } from '@brickyard/common/kube';
import {
  deleteIfExists,
  ensureObject,
  errorMessage,
  Finalizer,
  isAlreadyExists,
  isPermanent,
  needsUpdate,
  PermanentError,
  readIfExists,
  withDesired,
} from '@brickyard/common/kube';
import { EventReasons, Finalizers, OPERATOR_NAME } from '@brickyard/common/vocabulary';
import type {
  CustomObjectsApi,
  KubernetesObject,
  KubernetesObjectApi,
  V1Namespace,
  V1Secret,
} from '@kubernetes/client-node';
import type { Logger } from 'pino';
import {
  desiredNamespace,
  desiredResourceQuota,
  desiredRole,
  desiredRoleBinding,
  desiredRuntimeSecret,
  desiredServiceAccount,
  desiredStorageMountSecret,
  resourceQuotaReference,
} from './desired.js';
import { namespaceOwnership } from './ownership.js';
import { storedAccessKey, withAccessKey } from './runtime-keys.js';
import {
  computeDeletingStatus,
  computeWorkspaceStatus,
  type WorkspaceObservation,
  type WorkspaceStatus,
} from './status.js';
import type { WorkspaceStorage } from './storage.js';
import type { WorkspaceKeyHolder, WorkspaceKeys } from './workspace-keys.js';
import { WorkspaceType } from './workspace-type.js';

/** A steady workspace is looked at again this often, to repair drift nothing would tell us about. */
const RESYNC_MS = 5 * 60_000;
/** While waiting for a namespace to go away. */
const WAIT_MS = 2_000;
/** A FAILED workspace is retried this often: RBAC or the object in the way may have been fixed. */
const FAILED_RETRY_MS = 60_000;

class NamespaceConflictError extends PermanentError {}

export interface WorkspaceReconcilerOptions {
  workspaces: ObjectCache<WorkspaceResource>;
  namespaces: ObjectCache<V1Namespace>;
  objects: KubernetesObjectApi;
  customObjects: CustomObjectsApi;
  statusWriter: StatusWriter<WorkspaceStatus, WorkspaceResource>;
  storage: WorkspaceStorage;
  events: EventRecorder;
  /** The runtime's connection settings, for the brickyard-runtime Secret of each workspace. */
  runtimeEnv: Record<string, string>;
  /**
   * The workspace's own S3 keys, confined to its storage root, in place of the platform's in
   * the runtime and storage mount Secrets; undefined (an object store without IAM) keeps the
   * platform's keys.
   */
  keys: WorkspaceKeys | undefined;
}

/**
 * Reconciles one Workspace: a finalizer first, then its namespace (owned by the Workspace), the
 * quota, runtime ServiceAccount, Role, RoleBinding and Secret in it, and its storage root in S3; status
 * is computed from what was observed and written once. Deletion tears it all down before the
 * finalizer is released.
 */
export class WorkspaceReconciler {
  private readonly finalizer: Finalizer<WorkspaceResource>;

  constructor(private readonly options: WorkspaceReconcilerOptions) {
    this.finalizer = new Finalizer(options.customObjects, WorkspaceType, Finalizers.workspace);
  }

  async reconcile(key: string, log: Logger): Promise<ReconcileResult> {
    const cached = this.options.workspaces.get(undefined, key);
    if (!cached) return {};
    if (cached.metadata.deletionTimestamp) return this.finalize(cached, log);
    const workspace = await this.ensureFinalizer(cached, log);

    const observation: WorkspaceObservation = {};
    let failure: unknown;
    try {
      observation.namespace = await this.ensureNamespace(workspace, log);
      if (observation.namespace === 'ready') await this.ensureNamespacedObjects(workspace, log);
    } catch (error) {
      failure = error;
      observation.failure = describeFailure('namespace', error);
    }
    // Storage waits for the namespace: owning the namespace is what proves the workspace id is ours.
    if (!observation.failure) {
      try {
        observation.storage = await this.ensureStorage(workspace, log);
      } catch (error) {
        failure = error;
        observation.failure = describeFailure('storage', error);
      }
    }

    const status = computeWorkspaceStatus(
      workspace,
      observation,
      this.options.storage.rootOf(workspace.spec.workspaceId),
      new Date(),
    );
    await this.writeStatus(workspace, status);
    this.announceTransition(workspace, status, log);

    if (observation.failure?.permanent) return { requeueAfterMs: FAILED_RETRY_MS };
    if (failure !== undefined) {
      void this.options.events.warning(workspace, EventReasons.reconcileError, errorMessage(failure));
      throw failure;
    }
    return {
      requeueAfterMs:
        status.workspaceStatus === 'RUNNING' && observation.namespace === 'ready' ? RESYNC_MS : WAIT_MS,
    };
  }

  private async ensureFinalizer(workspace: WorkspaceResource, log: Logger): Promise<WorkspaceResource> {
    const patched = await this.finalizer.add(workspace);
    if (!patched) return workspace;
    this.options.workspaces.upsert(patched);
    log.info({ finalizer: this.finalizer.name }, 'Added finalizer');
    return patched;
  }

  private async writeStatus(
    workspace: WorkspaceResource,
    status: WorkspaceStatus,
  ): Promise<WorkspaceResource> {
    const written = await this.options.statusWriter.write(workspace, status);
    if (!written) return workspace;
    this.options.workspaces.upsert(written);
    return written;
  }

  private async ensureNamespace(workspace: WorkspaceResource, log: Logger): Promise<'ready' | 'terminating'> {
    const { objects, namespaces } = this.options;
    const desired = desiredNamespace(workspace);
    const name = desired.metadata?.name ?? '';
    // The cache only holds namespaces with our labels; one without them shows up as AlreadyExists.
    let observed = namespaces.get(undefined, name);
    if (!observed) {
      try {
        namespaces.upsert(await objects.create(desired, undefined, undefined, OPERATOR_NAME));
        this.announce(workspace, log, EventReasons.createdNamespace, 'Created Namespace', {
          namespace: name,
        });
        return 'ready';
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
        observed = await objects.read(desired as V1Namespace & { metadata: { name: string } });
      }
    }
    if (namespaceOwnership(observed, workspace) === 'foreign') {
      throw new NamespaceConflictError(
        `Namespace ${name} already exists and does not belong to Workspace ${workspace.metadata.name}`,
      );
    }
    if (observed.metadata?.deletionTimestamp) return 'terminating';
    if (needsUpdate(observed, desired, [])) {
      const adopted = withDesired(observed, desired, []);
      namespaces.upsert(await objects.replace(adopted, undefined, undefined, OPERATOR_NAME));
      this.announce(workspace, log, EventReasons.updatedNamespace, 'Updated Namespace', { namespace: name });
    }
    return 'ready';
  }

  private async ensureNamespacedObjects(workspace: WorkspaceResource, log: Logger): Promise<void> {
    const quota = desiredResourceQuota(workspace);
    if (!quota) {
      const reference = resourceQuotaReference(workspace);
      if (await deleteIfExists(this.options.objects, reference)) {
        const { namespace, name } = reference.metadata ?? {};
        this.announce(workspace, log, EventReasons.deletedResourceQuota, 'Deleted ResourceQuota', {
          namespace,
          name,
        });
      }
    }
    const secrets = await this.secretsOf(workspace);
    for (const child of namespacedChildren(workspace, quota, secrets)) {
      const { desired, ownedFields, reasons } = child;
      const { action } = await ensureObject(this.options.objects, desired, ownedFields, OPERATOR_NAME);
      if (action === 'unchanged') continue;
      const { namespace, name } = desired.metadata ?? {};
      const what = `${action === 'created' ? 'Created' : 'Updated'} ${desired.kind}`;
      this.announce(workspace, log, reasons[action], what, { namespace, name });
    }
  }

  /**
   * The runtime and storage mount Secrets of this workspace: with its own keys when the object
   * store has IAM, else both with the platform's.
   */
  private async secretsOf(workspace: WorkspaceResource): Promise<V1Secret[]> {
    const { keys, runtimeEnv, objects } = this.options;
    if (!keys) {
      return [desiredRuntimeSecret(workspace, runtimeEnv), desiredStorageMountSecret(workspace, runtimeEnv)];
    }
    const { workspaceId } = workspace.spec;
    const keyOf = async (holder: WorkspaceKeyHolder, reference: V1Secret) =>
      keys.ensure(workspaceId, holder, storedAccessKey(await readIfExists(objects, reference)));
    const runtimeKey = await keyOf('runtime', desiredRuntimeSecret(workspace, {}));
    const mountKey = await keyOf('mount', desiredStorageMountSecret(workspace, {}));
    return [
      desiredRuntimeSecret(workspace, withAccessKey(runtimeEnv, runtimeKey)),
      desiredStorageMountSecret(workspace, withAccessKey(runtimeEnv, mountKey)),
    ];
  }

  private async ensureStorage(workspace: WorkspaceResource, log: Logger): Promise<'ready'> {
    const { storage } = this.options;
    const { workspaceId } = workspace.spec;
    if (await storage.exists(workspaceId)) return 'ready';
    await storage.create(workspace);
    const storageRoot = storage.rootOf(workspaceId);
    this.announce(workspace, log, EventReasons.createdStorageRoot, 'Created storage root', { storageRoot });
    return 'ready';
  }

  /**
   * Deletion: CANCELLING first, then the namespace (waiting until it is gone, so nothing in it
   * still writes), then everything under the storage prefix, then the finalizer. A namespace that
   * belongs to another Workspace with the same id is left alone, and so is that id's storage.
   */
  private async finalize(cached: WorkspaceResource, log: Logger): Promise<ReconcileResult> {
    if (!this.finalizer.isOn(cached)) return {};
    const workspace = await this.writeStatus(cached, computeDeletingStatus(cached, new Date()));
    const { objects, storage } = this.options;
    const namespace = await readIfExists(objects, desiredNamespace(workspace));
    const foreign = namespace !== undefined && namespaceOwnership(namespace, workspace) === 'foreign';
    if (namespace && !foreign) {
      if (!namespace.metadata?.deletionTimestamp) {
        await deleteIfExists(objects, namespace);
        const name = namespace.metadata?.name;
        this.announce(workspace, log, EventReasons.deletingNamespace, 'Deleting Namespace', {
          namespace: name,
        });
      }
      return { requeueAfterMs: WAIT_MS };
    }
    if (!foreign) {
      const { workspaceId } = workspace.spec;
      const objectCount = await storage.deleteAll(workspaceId);
      if (objectCount > 0) {
        const storageRoot = storage.rootOf(workspaceId);
        this.announce(workspace, log, EventReasons.deletedStorage, 'Deleted storage root', {
          storageRoot,
          objectCount,
        });
      }
      // The namespace is gone, and its pods with it: nothing uses the workspace's keys now.
      await this.options.keys?.remove(workspaceId);
    }
    const released = await this.finalizer.remove(workspace);
    if (released) this.options.workspaces.upsert(released);
    log.info({ finalizer: this.finalizer.name }, 'Removed finalizer');
    return {};
  }

  /**
   * Logs a change in the Kubernetes style ('Created Namespace' with fields) and records it as a
   * Normal event on the Workspace, its message naming the object: "Created Namespace ns-1".
   */
  private announce(
    workspace: WorkspaceResource,
    log: Logger,
    reason: string,
    what: string,
    fields: {
      namespace?: string | undefined;
      name?: string | undefined;
      storageRoot?: string;
      objectCount?: number;
    },
  ): void {
    log.info(fields, what);
    const object = fields.storageRoot ?? [fields.namespace, fields.name].filter(Boolean).join('/');
    const count = fields.objectCount === undefined ? '' : ` (${fields.objectCount} objects)`;
    void this.options.events.normal(workspace, reason, `${what} ${object}${count}`);
  }

  /** Events for the transitions people care about: now running, now failed. */
  private announceTransition(workspace: WorkspaceResource, status: WorkspaceStatus, log: Logger): void {
    const before = workspace.status ?? {};
    if (
      status.workspaceStatus === before.workspaceStatus &&
      status.workspaceStatusMessage === before.workspaceStatusMessage
    ) {
      return;
    }
    if (status.workspaceStatus === 'RUNNING' && before.workspaceStatus !== 'RUNNING') {
      log.info({ namespace: status.namespace, storageRoot: status.storageRoot }, 'Workspace is running');
      void this.options.events.normal(workspace, EventReasons.workspaceRunning, 'Workspace is running');
    } else if (status.workspaceStatus === 'FAILED') {
      const message = status.workspaceStatusMessage ?? 'failed';
      log.warn({ reason: message }, 'Workspace failed');
      void this.options.events.warning(workspace, EventReasons.workspaceFailed, message);
    }
  }
}

function describeFailure(
  part: 'namespace' | 'storage',
  error: unknown,
): NonNullable<WorkspaceObservation['failure']> {
  return {
    part,
    message: errorMessage(error),
    permanent: isPermanent(error),
    ...(error instanceof NamespaceConflictError ? { conflict: true } : {}),
  };
}

interface NamespacedChild {
  desired: KubernetesObject;
  /** Fields besides labels that must match the desired object (see ensureObject). */
  ownedFields: readonly string[];
  reasons: { created: string; updated: string };
}

/** The objects inside the namespace, in the order they are ensured. */
function namespacedChildren(
  workspace: WorkspaceResource,
  quota: KubernetesObject | undefined,
  secrets: readonly V1Secret[],
): NamespacedChild[] {
  const quotaChild: NamespacedChild[] = quota
    ? [
        {
          desired: quota,
          ownedFields: ['spec'],
          reasons: { created: EventReasons.createdResourceQuota, updated: EventReasons.updatedResourceQuota },
        },
      ]
    : [];
  return [
    ...quotaChild,
    {
      desired: desiredServiceAccount(workspace),
      ownedFields: [],
      reasons: { created: EventReasons.createdServiceAccount, updated: EventReasons.updatedServiceAccount },
    },
    {
      desired: desiredRole(workspace),
      ownedFields: ['rules'],
      reasons: { created: EventReasons.createdRole, updated: EventReasons.updatedRole },
    },
    {
      desired: desiredRoleBinding(workspace),
      ownedFields: ['subjects', 'roleRef'],
      reasons: { created: EventReasons.createdRoleBinding, updated: EventReasons.updatedRoleBinding },
    },
    ...secrets.map((secret) => ({
      desired: secret,
      ownedFields: ['data'],
      reasons: { created: EventReasons.createdSecret, updated: EventReasons.updatedSecret },
    })),
  ];
}
