import { WorkspaceKind, type WorkspaceResource } from '@brickyard/common/crd';
import {
  API_VERSION,
  Labels,
  MANAGED_BY,
  RUNTIME_SECRET,
  RUNTIME_SERVICE_ACCOUNT,
  STORAGE_MOUNT_SECRET,
  workspaceNamespace,
} from '@brickyard/common/vocabulary';
import type {
  V1Namespace,
  V1OwnerReference,
  V1ResourceQuota,
  V1Role,
  V1RoleBinding,
  V1Secret,
  V1ServiceAccount,
} from '@kubernetes/client-node';

/** The Kubernetes objects a workspace owns, computed from its spec alone (no I/O). */

const RESOURCE_QUOTA_NAME = 'workspace-limits';

/**
 * Quota keys: requests for CPU and memory of the workspace's pods. `max_clusters` is the API's
 * check at create (services/api, ClusterLimit): an object-count quota on Clusters made every
 * create of a namespace wait for one quota status update.
 */
const QuotaKeys = {
  cpu: 'requests.cpu',
  memory: 'requests.memory',
} as const;

function managedLabels(workspace: WorkspaceResource): Record<string, string> {
  return { [Labels.managedBy]: MANAGED_BY, [Labels.workspaceId]: String(workspace.spec.workspaceId) };
}

function workspaceOwnerReference(workspace: WorkspaceResource): V1OwnerReference {
  return {
    apiVersion: API_VERSION,
    kind: WorkspaceKind.kind,
    name: workspace.metadata.name ?? '',
    uid: workspace.metadata.uid ?? '',
    controller: true,
  };
}

export function desiredNamespace(workspace: WorkspaceResource): V1Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: workspaceNamespace(workspace.spec.workspaceId),
      labels: managedLabels(workspace),
      ownerReferences: [workspaceOwnerReference(workspace)],
    },
  };
}

/**
 * A quantity of mebibytes in the canonical form the apiserver stores (the largest binary suffix
 * that keeps it whole: 1024Mi is stored as 1Gi), so that comparing with what is stored works.
 */
export function mebibytes(amount: number): string {
  if (amount === 0) return '0';
  const suffixes = ['Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  let value = amount;
  let index = 0;
  while (value % 1024 === 0 && index < suffixes.length - 1) {
    value /= 1024;
    index++;
  }
  return `${value}${suffixes[index]}`;
}

/** The quota for the limits the spec gives; none if it gives none. */
export function desiredResourceQuota(workspace: WorkspaceResource): V1ResourceQuota | undefined {
  const { maxCores, maxMemoryMb } = workspace.spec.limits ?? {};
  const hard: Record<string, string> = {};
  if (maxCores !== undefined) hard[QuotaKeys.cpu] = String(maxCores);
  if (maxMemoryMb !== undefined) hard[QuotaKeys.memory] = mebibytes(maxMemoryMb);
  if (Object.keys(hard).length === 0) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: {
      name: RESOURCE_QUOTA_NAME,
      namespace: workspaceNamespace(workspace.spec.workspaceId),
      labels: managedLabels(workspace),
    },
    spec: { hard },
  };
}

/** Enough of the quota to name it, for deleting it once the spec gives no limits. */
export function resourceQuotaReference(workspace: WorkspaceResource): V1ResourceQuota {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: RESOURCE_QUOTA_NAME, namespace: workspaceNamespace(workspace.spec.workspaceId) },
  };
}

export function desiredServiceAccount(workspace: WorkspaceResource): V1ServiceAccount {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: RUNTIME_SERVICE_ACCOUNT,
      namespace: workspaceNamespace(workspace.spec.workspaceId),
      labels: managedLabels(workspace),
    },
  };
}

/** What runtime pods may do: read pods and config maps of their own workspace, nothing else. */
export function desiredRole(workspace: WorkspaceResource): V1Role {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: {
      name: RUNTIME_SERVICE_ACCOUNT,
      namespace: workspaceNamespace(workspace.spec.workspaceId),
      labels: managedLabels(workspace),
    },
    rules: [{ apiGroups: [''], resources: ['pods', 'configmaps'], verbs: ['get', 'list', 'watch'] }],
  };
}

export function desiredRoleBinding(workspace: WorkspaceResource): V1RoleBinding {
  const namespace = workspaceNamespace(workspace.spec.workspaceId);
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: RUNTIME_SERVICE_ACCOUNT, namespace, labels: managedLabels(workspace) },
    subjects: [{ kind: 'ServiceAccount', name: RUNTIME_SERVICE_ACCOUNT, namespace }],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: RUNTIME_SERVICE_ACCOUNT },
  };
}

/**
 * The runtime's connection settings (Redis, the object store), which cluster pods take with
 * envFrom. The data is base64 as the apiserver stores it, so comparing with what is stored works.
 */
export function desiredRuntimeSecret(
  workspace: WorkspaceResource,
  runtimeEnv: Record<string, string>,
): V1Secret {
  return environmentSecret(workspace, RUNTIME_SECRET, runtimeEnv);
}

/** The settings of the storage mount Secret: the object store's endpoint and region, and the keys. */
const MOUNT_SETTINGS = ['AWS_ENDPOINT_URL_S3', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

/**
 * What the node mounts the workspace's DBFS with (the S3 CSI volume's nodePublishSecretRef): the
 * object store settings of `mountEnv`, which holds the node's mount keys of the workspace.
 */
export function desiredStorageMountSecret(
  workspace: WorkspaceResource,
  mountEnv: Record<string, string>,
): V1Secret {
  const settings = Object.fromEntries(
    MOUNT_SETTINGS.flatMap((name) => (name in mountEnv ? [[name, mountEnv[name] ?? '']] : [])),
  );
  return environmentSecret(workspace, STORAGE_MOUNT_SECRET, settings);
}

function environmentSecret(
  workspace: WorkspaceResource,
  name: string,
  env: Record<string, string>,
): V1Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace: workspaceNamespace(workspace.spec.workspaceId),
      labels: managedLabels(workspace),
    },
    type: 'Opaque',
    data: Object.fromEntries(
      Object.entries(env).map(([key, value]) => [key, Buffer.from(value, 'utf8').toString('base64')]),
    ),
  };
}
