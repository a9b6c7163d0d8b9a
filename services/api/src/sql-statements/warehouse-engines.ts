import type { WorkspaceContext } from '../auth/caller.js';
import type { Principal } from '../auth/principal.js';

/**
 * Where statements of a SQL warehouse run: the Spark Connect server of the warehouse's driver.
 * The one seam between the Statement Execution API and the warehouses that run it.
 */
export interface WarehouseEngines {
  /** Throws the request's error when the workspace has no warehouse of this id the caller may use. */
  check(workspace: WorkspaceContext, principal: Principal, warehouseId: string): void;
  /**
   * The Spark Connect target (`host:port`) of the warehouse's driver once it runs, starting the
   * warehouse when it is stopped; throws SqlError when it cannot run the statement.
   */
  driverOf(workspace: WorkspaceContext, warehouseId: string, signal: AbortSignal): Promise<string>;
  /** Counts as activity of the warehouse now (its auto-stop counts from the last statement). */
  markActive(warehouseId: string): void;
}
