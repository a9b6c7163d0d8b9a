/**
 * Brickyard's shared vocabulary: API group, labels, annotations, finalizers, condition types and
 * reasons. Every component names these through this file, never through string literals.
 */

export const GROUP = 'brickyard.dev';
export const VERSION = 'v1alpha1';
export const API_VERSION = `${GROUP}/${VERSION}`;

/** Where account-level objects live: account tokens, the API's own secrets. */
export const SYSTEM_NAMESPACE = 'brickyard-system';

export const Labels = {
  managedBy: 'app.kubernetes.io/managed-by',
  partOf: 'app.kubernetes.io/part-of',
  workspaceId: `${GROUP}/workspace-id`,
  clusterId: `${GROUP}/cluster-id`,
  tokenId: `${GROUP}/token-id`,
  role: `${GROUP}/role`,
} as const;

export const MANAGED_BY = 'brickyard';

export const Finalizers = {
  workspace: `${GROUP}/workspace-cleanup`,
  cluster: `${GROUP}/cluster-cleanup`,
} as const;

export const SecretTypes = {
  token: `${GROUP}/token`,
} as const;

export const ConditionTypes = {
  ready: 'Ready',
  namespaceReady: 'NamespaceReady',
  storageReady: 'StorageReady',
  driverReady: 'DriverReady',
  workersReady: 'WorkersReady',
} as const;

/** Namespace of a workspace: derived from its numeric id, stable for its whole life. */
export function workspaceNamespace(workspaceId: number): string {
  return `brickyard-ws-${workspaceId}`;
}

/** Name of a workspace resource. */
export function workspaceResourceName(workspaceId: number): string {
  return `ws-${workspaceId}`;
}
