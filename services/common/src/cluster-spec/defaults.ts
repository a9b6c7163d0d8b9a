import { DEFAULT_NODE_TYPE_ID, SPARK_VERSIONS } from '../catalog/index.js';
import type { ClusterAttributes } from './schema.js';

/**
 * The values Databricks fills in for what a cluster spec leaves out: the workers' node type, the
 * driver's (that of the workers), and a fixed size of zero workers when no autoscale is given.
 */

export { DEFAULT_NODE_TYPE_ID };

/** The newest runtime that is not an ML one: what a cluster that names none gets (serverless tasks). */
export const DEFAULT_SPARK_VERSION =
  [...SPARK_VERSIONS].reverse().find((version) => !version.key.includes('-ml-'))?.key ?? '19.3.x-scala2.13';

/** The node types of the driver and the workers, defaulted. */
export function nodeTypeIds(spec: {
  nodeTypeId?: string | undefined;
  driverNodeTypeId?: string | undefined;
}): {
  driver: string;
  worker: string;
} {
  const worker = spec.nodeTypeId ?? DEFAULT_NODE_TYPE_ID;
  return { driver: spec.driverNodeTypeId ?? worker, worker };
}

/** The attributes with every default filled in (the form stored in a Cluster's spec). */
export function withDefaults(attributes: ClusterAttributes): ClusterAttributes {
  const { worker, driver } = nodeTypeIds({
    nodeTypeId: attributes.node_type_id,
    driverNodeTypeId: attributes.driver_node_type_id,
  });
  return {
    ...attributes,
    node_type_id: worker,
    driver_node_type_id: driver,
    ...(attributes.autoscale ? {} : { num_workers: attributes.num_workers ?? 0 }),
  };
}
