import type { ClusterResource } from '@brickyard/common/crd';
import { isConflict, isNotFound } from '@brickyard/common/kube';
import type { CustomObjectsApi } from '@kubernetes/client-node';
import { ClusterType } from './cluster-type.js';

/**
 * Deletes a Cluster resource the operator decided to remove (an expired job cluster, a deleted
 * warehouse's compute). The uid precondition spares a cluster made meanwhile under the same name;
 * the finalizer does the rest. False when it was gone or replaced already.
 */
export async function deleteClusterResource(
  customObjects: CustomObjectsApi,
  cluster: ClusterResource,
): Promise<boolean> {
  try {
    await customObjects.deleteNamespacedCustomObject({
      ...ClusterType,
      namespace: cluster.metadata.namespace ?? '',
      name: cluster.metadata.name ?? '',
      body: { preconditions: { ...(cluster.metadata.uid ? { uid: cluster.metadata.uid } : {}) } },
    });
    return true;
  } catch (error) {
    if (isNotFound(error) || isConflict(error)) return false;
    throw error;
  }
}
