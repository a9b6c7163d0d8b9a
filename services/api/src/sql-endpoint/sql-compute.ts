import { DriverPorts } from '@brickyard/common/driver-ports';
import { warehouseClusterId } from '@brickyard/common/warehouse-spec';
import type { WorkspaceContext } from '../auth/caller.js';
import type { Principal } from '../auth/principal.js';
import { clusterDoesNotExist, DatabricksError, invalidParameter } from '../errors/databricks-error.js';
import { governedCluster } from '../permissions/governed-objects.js';
import { runningDriverAddress } from '../routes/clusters/running-driver.js';
import type { ApiServices } from '../services.js';
import { SqlError } from '../sql-engine/sql-error.js';
import type { WarehouseEngines } from '../sql-statements/warehouse-engines.js';

/**
 * Where the statements of a Thrift session run: the Spark Connect server of a SQL warehouse's
 * driver (`/sql/1.0/warehouses/{id}`), or of an all-purpose cluster's
 * (`/sql/protocolv1/o/{org}/{cluster}`, the path JDBC and ODBC users copy from a cluster's page).
 */
export interface SqlCompute {
  /** What a session is bound to: it serves the HTTP path it was opened on only. */
  readonly key: string;
  /**
   * A SQL warehouse's Cluster: its sessions' catalog calls carry their caller's grants. Undefined
   * on an all-purpose cluster, whose Spark acts as its creator whoever connects (single user).
   */
  readonly callerCluster?: string;
  /** The driver's Spark Connect target, `host:port`; throws SqlError when it cannot run statements. */
  driverAddress(signal: AbortSignal): Promise<string>;
  /** A statement started or ended now (a warehouse's auto-stop counts from the last one). */
  markActive(): void;
}

/**
 * A warehouse of the workspace, through the Statement Execution API's seam: a statement starts a
 * stopped warehouse and waits while it starts. Throws the request's error for an id of no warehouse.
 */
export function warehouseCompute(
  engines: WarehouseEngines,
  workspace: WorkspaceContext,
  principal: Principal,
  warehouseId: string,
): SqlCompute {
  engines.check(workspace, principal, warehouseId);
  return {
    key: `warehouse/${warehouseId}`,
    callerCluster: warehouseClusterId(warehouseId),
    driverAddress: (signal) => engines.driverOf(workspace, warehouseId, signal),
    markActive: () => engines.markActive(warehouseId),
  };
}

/**
 * An all-purpose cluster of the workspace the caller may attach to. Its statements need it
 * running: unlike a warehouse, a terminated cluster is not started by a SQL client here, it is
 * refused with its state.
 */
export function clusterCompute(
  services: ApiServices,
  workspace: WorkspaceContext,
  principal: Principal,
  orgId: string,
  clusterId: string,
): SqlCompute {
  if (orgId !== String(workspace.workspaceId)) {
    throw invalidParameter(`Workspace ${orgId} is not the workspace of this token`);
  }
  const find = () => {
    const cluster = services.clusters.get(workspace.namespace, clusterId);
    if (!cluster || cluster.metadata.deletionTimestamp) throw clusterDoesNotExist(clusterId);
    return cluster;
  };
  services.permissions.require(principal, governedCluster(find()), 'CAN_ATTACH_TO');
  return {
    key: `cluster/${clusterId}`,
    driverAddress: async () => {
      try {
        return `${runningDriverAddress(find())}:${DriverPorts.sparkConnect}`;
      } catch (error) {
        if (error instanceof DatabricksError) throw new SqlError(error.message);
        throw error;
      }
    },
    markActive: () => {},
  };
}
