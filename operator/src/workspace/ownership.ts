import { WorkspaceKind, type WorkspaceResource } from '@brickyard/common/crd';
import { Labels } from '@brickyard/common/vocabulary';
import type { V1Namespace } from '@kubernetes/client-node';

/**
 * Whose a workspace's namespace is. Its name, brickyard-ws-<id>, is reserved for the workspace
 * with that id, so: owned if it names this Workspace (by uid) as an owner; foreign if another
 * controller or another Workspace owns it, or its labels say it is another workspace's (say, a
 * second Workspace resource with the same id), and then it is neither changed nor deleted;
 * adoptable otherwise (made by hand ahead of time, or its owner reference was removed).
 */
export type NamespaceOwnership = 'owned' | 'adoptable' | 'foreign';

export function namespaceOwnership(namespace: V1Namespace, workspace: WorkspaceResource): NamespaceOwnership {
  const owners = namespace.metadata?.ownerReferences ?? [];
  if (owners.some((owner) => owner.uid === workspace.metadata.uid)) return 'owned';
  const ownedElsewhere = owners.some((owner) => owner.controller || owner.kind === WorkspaceKind.kind);
  const labelledId = namespace.metadata?.labels?.[Labels.workspaceId];
  const labelledElsewhere = labelledId !== undefined && labelledId !== String(workspace.spec.workspaceId);
  return ownedElsewhere || labelledElsewhere ? 'foreign' : 'adoptable';
}
