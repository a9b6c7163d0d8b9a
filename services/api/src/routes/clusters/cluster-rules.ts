import { DEFAULT_NODE_TYPE_ID, findNodeType, isKnownSparkVersion } from '@brickyard/common/catalog';
import type { ClusterAttributes, ClusterState } from '@brickyard/common/schema';
import { invalidParameter, invalidState } from '../../errors/databricks-error.js';

/**
 * The checks Databricks makes on a cluster spec beyond its JSON shape. Returns the attributes with
 * defaults filled in (node types, a size of zero workers when none is given).
 */
export function validateClusterAttributes(attributes: ClusterAttributes): ClusterAttributes {
  if (!isKnownSparkVersion(attributes.spark_version)) {
    throw invalidParameter(
      `Invalid spark version ${attributes.spark_version}; see /api/2.1/clusters/spark-versions for valid keys`,
    );
  }
  const nodeTypeId = attributes.node_type_id ?? DEFAULT_NODE_TYPE_ID;
  const driverNodeTypeId = attributes.driver_node_type_id ?? nodeTypeId;
  for (const id of [nodeTypeId, driverNodeTypeId]) {
    if (!findNodeType(id)) {
      throw invalidParameter(`Node type ${id} is not supported; see /api/2.1/clusters/list-node-types`);
    }
  }
  if (attributes.num_workers !== undefined && attributes.autoscale !== undefined) {
    throw invalidParameter('Only one of num_workers or autoscale may be set');
  }
  const { autoscale } = attributes;
  if (autoscale && autoscale.max_workers <= autoscale.min_workers) {
    throw invalidParameter(
      `autoscale.max_workers (${autoscale.max_workers}) must be greater than autoscale.min_workers (${autoscale.min_workers})`,
    );
  }
  const minutes = attributes.autotermination_minutes;
  if (minutes !== undefined && minutes !== 0 && minutes < 10) {
    throw invalidParameter('autotermination_minutes must be 0 (disabled) or between 10 and 10000');
  }
  return {
    ...attributes,
    node_type_id: nodeTypeId,
    driver_node_type_id: driverNodeTypeId,
    ...(autoscale ? {} : { num_workers: attributes.num_workers ?? 0 }),
  };
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
