import { attributeProblems, withDefaults } from '@brickyard/common/cluster-spec';
import type { ClusterAttributes, ClusterState } from '@brickyard/common/schema';
import { invalidParameter, invalidState } from '../../errors/databricks-error.js';

/**
 * The checks Databricks makes on a cluster spec beyond its JSON shape (the cluster-spec module's,
 * which the operator and the CRD share). Returns the attributes with defaults filled in (node
 * types, a size of zero workers when none is given).
 */
export function validateClusterAttributes(attributes: ClusterAttributes): ClusterAttributes {
  const [problem] = attributeProblems(attributes);
  if (problem !== undefined) throw invalidParameter(problem);
  return withDefaults(attributes);
}

export type ClusterAction = 'start' | 'restart' | 'resize' | 'edit';

/** States in which each action is accepted (the Databricks documentation's transitions). */
const ALLOWED: Record<ClusterAction, readonly ClusterState[]> = {
  start: ['TERMINATED', 'ERROR'],
  restart: ['RUNNING', 'RESIZING'],
  resize: ['RUNNING', 'RESIZING'],
  edit: ['RUNNING', 'TERMINATED', 'RESIZING', 'ERROR'],
};

export function assertActionAllowed(action: ClusterAction, clusterId: string, state: ClusterState): void {
  if (ALLOWED[action].includes(state)) return;
  throw invalidState(
    `Cluster ${clusterId} is in unexpected state ${state}; ${action} needs one of ${ALLOWED[action].join(', ')}`,
  );
}
