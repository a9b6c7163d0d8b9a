import type { WorkspaceResource } from '@brickyard/common/crd';
import { type Condition, type ConditionUpdate, mergeConditions, timeMs } from '@brickyard/common/kube';
import { ConditionReasons, ConditionTypes, workspaceNamespace } from '@brickyard/common/vocabulary';

export type WorkspaceStatus = NonNullable<WorkspaceResource['status']>;

/** What one reconcile saw of a workspace's parts; a part it did not get to is left undefined. */
export interface WorkspaceObservation {
  /** The namespace and the objects in it. */
  namespace?: 'ready' | 'terminating';
  /** The storage root's marker object. */
  storage?: 'ready';
  /** The first step that failed, and whether retrying can fix it. */
  failure?: { part: 'namespace' | 'storage'; message: string; permanent: boolean; conflict?: boolean };
}

const MESSAGES = {
  provisioning: 'Creating the namespace and the storage root',
  namespaceTerminating: 'Waiting for the namespace that is being deleted to be gone',
  deleting: "Deleting the workspace's namespace and storage",
} as const;

function namespaceCondition(
  namespace: string,
  observation: WorkspaceObservation,
): ConditionUpdate | undefined {
  const type = ConditionTypes.namespaceReady;
  const { failure } = observation;
  if (failure?.part === 'namespace') {
    const reason = failure.conflict ? ConditionReasons.namespaceConflict : ConditionReasons.kubernetesError;
    return { type, status: 'False', reason, message: failure.message };
  }
  switch (observation.namespace) {
    case 'ready':
      return {
        type,
        status: 'True',
        reason: ConditionReasons.namespaceActive,
        message: `Namespace ${namespace} is active`,
      };
    case 'terminating':
      return {
        type,
        status: 'False',
        reason: ConditionReasons.namespaceTerminating,
        message: MESSAGES.namespaceTerminating,
      };
    default:
      return undefined;
  }
}

function storageCondition(root: string, observation: WorkspaceObservation): ConditionUpdate | undefined {
  const type = ConditionTypes.storageReady;
  const { failure } = observation;
  if (failure?.part === 'storage') {
    return { type, status: 'False', reason: ConditionReasons.storageError, message: failure.message };
  }
  if (observation.storage !== 'ready') return undefined;
  return {
    type,
    status: 'True',
    reason: ConditionReasons.storageRootPresent,
    message: `Storage root ${root} exists`,
  };
}

/** creationTime is set once: when the resource was created, in epoch ms. */
function creationTime(workspace: WorkspaceResource, now: Date): number {
  return workspace.status?.creationTime ?? timeMs(workspace.metadata.creationTimestamp) ?? now.getTime();
}

/**
 * The status a workspace should have, given what was observed. PROVISIONING until the namespace
 * and the storage root are both ready, then RUNNING; once RUNNING, a passing failure shows in the
 * conditions only (the workspace is still usable). A permanent failure is FAILED, with its message.
 */
export function computeWorkspaceStatus(
  workspace: WorkspaceResource,
  observation: WorkspaceObservation,
  storageRootUri: string,
  now: Date,
): WorkspaceStatus {
  const previous = workspace.status ?? {};
  const namespace = workspaceNamespace(workspace.spec.workspaceId);
  const parts = [
    namespaceCondition(namespace, observation),
    storageCondition(storageRootUri, observation),
  ].filter((condition): condition is ConditionUpdate => condition !== undefined);
  const merged = mergeConditions(previous.conditions as Condition[] | undefined, parts, now);
  const isTrue = (type: string): boolean => merged.some((c) => c.type === type && c.status === 'True');
  const allReady = isTrue(ConditionTypes.namespaceReady) && isTrue(ConditionTypes.storageReady);
  const permanent = observation.failure?.permanent === true ? observation.failure : undefined;

  let workspaceStatus: WorkspaceStatus['workspaceStatus'];
  let ready: ConditionUpdate;
  if (permanent) {
    workspaceStatus = 'FAILED';
    ready = {
      type: ConditionTypes.ready,
      status: 'False',
      reason: ConditionReasons.failed,
      message: permanent.message,
    };
  } else if (allReady) {
    workspaceStatus = 'RUNNING';
    ready = {
      type: ConditionTypes.ready,
      status: 'True',
      reason: ConditionReasons.running,
      message: 'Workspace is running',
    };
  } else {
    workspaceStatus = previous.workspaceStatus === 'RUNNING' ? 'RUNNING' : 'PROVISIONING';
    const waitingOn = merged.find((c) => c.type !== ConditionTypes.ready && c.status !== 'True');
    // A running workspace that is not Ready says why in the words of the part that is not.
    const reason = workspaceStatus === 'RUNNING' ? waitingOn?.reason : undefined;
    ready = {
      type: ConditionTypes.ready,
      status: 'False',
      reason: reason ?? ConditionReasons.provisioning,
      message: waitingOn?.message ?? MESSAGES.provisioning,
    };
  }
  const conditions = mergeConditions(merged, [ready], now);
  const message = workspaceStatus === 'RUNNING' ? undefined : ready.message;
  return {
    workspaceStatus,
    ...(message !== undefined ? { workspaceStatusMessage: message } : {}),
    namespace,
    ...(observation.storage === 'ready' || previous.storageRoot ? { storageRoot: storageRootUri } : {}),
    creationTime: creationTime(workspace, now),
    ...(workspace.metadata.generation !== undefined
      ? { observedGeneration: workspace.metadata.generation }
      : {}),
    conditions: orderConditions(conditions),
  };
}

/** The status while the finalizer tears the workspace down: CANCELLING, not Ready. */
export function computeDeletingStatus(workspace: WorkspaceResource, now: Date): WorkspaceStatus {
  const previous = workspace.status ?? {};
  const ready: ConditionUpdate = {
    type: ConditionTypes.ready,
    status: 'False',
    reason: ConditionReasons.deleting,
    message: MESSAGES.deleting,
  };
  return {
    ...previous,
    workspaceStatus: 'CANCELLING',
    workspaceStatusMessage: MESSAGES.deleting,
    creationTime: creationTime(workspace, now),
    conditions: orderConditions(
      mergeConditions(previous.conditions as Condition[] | undefined, [ready], now),
    ),
  };
}

/** A stable order (Ready first, then the parts), so equal conditions compare equal. */
function orderConditions(conditions: Condition[]): Condition[] {
  const order: string[] = [ConditionTypes.ready, ConditionTypes.namespaceReady, ConditionTypes.storageReady];
  const rank = (type: string): number => (order.includes(type) ? order.indexOf(type) : order.length);
  return [...conditions].sort((a, b) => rank(a.type) - rank(b.type));
}
