import { DriverPorts } from '@brickyard/common/driver-ports';
import type { FastifyBaseLogger } from 'fastify';
import { DatabricksError, invalidParameter, permissionDenied } from '../../../errors/databricks-error.js';
import { governedWarehouse } from '../../../permissions/governed-objects.js';
import type { ApiServices } from '../../../services.js';
import { SqlError } from '../../../sql-engine/sql-error.js';
import type { WarehouseEngines } from '../../../sql-statements/warehouse-engines.js';
import { warehouseDriver } from '../warehouses/warehouse-driver.js';

/** Warehouse ids are 16 hex digits; anything not even id-like is refused as malformed. */
const ID_FORM = /^[0-9a-zA-Z][0-9a-zA-Z-]{0,63}$/;

/** How long a statement stays PENDING while its warehouse starts. */
const START_WAIT_MS = 20 * 60_000;

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(signal.reason);
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

/**
 * The workspace's SQL warehouses (routes/sql/warehouses): a statement starts a stopped warehouse
 * and stays PENDING while it starts, as on Databricks. A malformed id is refused with 400, and an
 * id of no warehouse, or of one the caller may not use (CAN_USE), with 403, the answers
 * Databricks gives to a statement.
 */
export function sqlWarehouseEngines(services: ApiServices, log: FastifyBaseLogger): WarehouseEngines {
  return {
    check: (workspace, principal, warehouseId) => {
      if (!ID_FORM.test(warehouseId)) throw invalidParameter(`${warehouseId} is not a valid endpoint id.`);
      const warehouse = services.warehouses.get(workspace.namespace, warehouseId);
      const usable =
        warehouse &&
        !warehouse.metadata.deletionTimestamp &&
        services.permissions.can(principal, governedWarehouse(warehouse), 'CAN_USE');
      if (!usable) {
        throw permissionDenied(
          'You do not have permission to use the SQL Warehouse. Please contact your administrator.',
        );
      }
    },
    driverOf: async (workspace, warehouseId, signal) => {
      try {
        const driver = await Promise.race([
          warehouseDriver(services, workspace.namespace, warehouseId, { waitMs: START_WAIT_MS, log }),
          aborted(signal),
        ]);
        return `${driver.driverAddress}:${DriverPorts.sparkConnect}`;
      } catch (error) {
        if (error instanceof DatabricksError) {
          throw new SqlError(`The SQL warehouse ${warehouseId} cannot run the statement: ${error.message}`);
        }
        throw error;
      }
    },
    markActive: (warehouseId) => {
      void services.warehouseActivity.markActive(warehouseId);
    },
  };
}
