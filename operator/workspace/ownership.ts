import type { V1Namespace } from '@kubernetes/client-node';
import type { WorkspaceResource } from '../../services/common/src/crd/resource-kinds.js';
import { Labels, MANAGED_BY } from '../../services/common/src/vocabulary.js';

/**
 * Whose a workspace's namespace is. Owned: it names this Workspace (by uid) as an owner.
 * Adoptable: nobody controls it but it carries this workspace's labels (say, an owner reference
 * removed by hand), so taking it back is safe. Foreign: anything else, e.g. the namespace of
 * another Workspace with the same workspaceId, which must be neither changed nor deleted.
 */
export type NamespaceOwnership = 'owned' | 'adoptable' | 'foreign';

export function namespaceOwnership(namespace: V1Namespace, workspace: WorkspaceResource): NamespaceOwnership {
  const owners = namespace.metadata?.ownerReferences ?? [];
  if (owners.some((owner) => owner.uid === workspace.metadata.uid)) return 'owned';
  const labels = namespace.metadata?.labels ?? {};
  const labelled =
    labels[Labels.managedBy] === MANAGED_BY && labels[Labels.workspaceId] === String(workspace.spec.workspaceId);
  return labelled && !owners.some((owner) => owner.controller) ? 'adoptable' : 'foreign';
}
