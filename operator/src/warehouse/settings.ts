import { DEFAULT_SPARK_VERSION } from '@brickyard/common/cluster-spec';
import { integerEnv } from '@brickyard/common/platform-env';

/** How the warehouse controller runs warehouses, from the operator's environment (see config.ts). */
export interface WarehouseSettings {
  /**
   * The runtime of a warehouse's Cluster (BRICKYARD_WAREHOUSE_SPARK_VERSION); tests use one
   * without Spark.
   * @defaultValue the newest runtime (cluster-spec's DEFAULT_SPARK_VERSION)
   */
  sparkVersion: string;
  /**
   * How long a deleted warehouse answers warehouses/get with state DELETED before the operator
   * removes its resource (BRICKYARD_DELETED_WAREHOUSE_RETENTION_MS).
   * @defaultValue 86 400 000 (a day)
   */
  deletedRetentionMs: number;
}

export function readWarehouseSettings(env: NodeJS.ProcessEnv): WarehouseSettings {
  return {
    sparkVersion: env.BRICKYARD_WAREHOUSE_SPARK_VERSION || DEFAULT_SPARK_VERSION,
    deletedRetentionMs: integerEnv(env, 'BRICKYARD_DELETED_WAREHOUSE_RETENTION_MS', 24 * 3_600_000, 0),
  };
}
