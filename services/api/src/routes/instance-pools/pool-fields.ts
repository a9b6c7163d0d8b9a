import { findNodeType, isKnownSparkVersion } from '@brickyard/common/catalog';
import type { InstancePoolAttributes } from '@brickyard/common/schema';
import { invalidParameter } from '../../errors/databricks-error.js';

/** What create and edit refuse beyond the schema, in Databricks' words where known. */
export function assertPoolFields(attributes: InstancePoolAttributes): void {
  if (!findNodeType(attributes.node_type_id)) {
    throw invalidParameter(
      `Node type ${attributes.node_type_id} is not supported; see /api/2.1/clusters/list-node-types`,
    );
  }
  // The pool's idle instances preload one runtime (its warm driver's, operator/src/instance-pool).
  const preloaded = attributes.preloaded_spark_versions ?? [];
  if (preloaded.length > 1) {
    throw invalidParameter('preloaded_spark_versions may contain at most one Spark version');
  }
  const unknown = preloaded.find((version) => !isKnownSparkVersion(version));
  if (unknown !== undefined) {
    throw invalidParameter(`Spark version ${unknown} is not supported; see /api/2.1/clusters/spark-versions`);
  }
  const { min_idle_instances: minIdle, max_capacity: maxCapacity } = attributes;
  if (minIdle !== undefined && maxCapacity !== undefined && minIdle > maxCapacity) {
    throw invalidParameter(
      `min_idle_instances (${minIdle}) must be less than or equal to max_capacity (${maxCapacity})`,
    );
  }
}
