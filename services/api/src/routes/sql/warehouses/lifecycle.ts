import {
  reportedWarehouseState,
  warehouseDeletionRequested,
  warehouseStartRequested,
  warehouseStopRequested,
} from '@brickyard/common/warehouse-spec';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../../../services.js';
import { requestWarehouseTransition } from './spec-change.js';
import { findLiveWarehouse, findPermittedWarehouse } from './warehouse-lookup.js';
import { Empty, WarehouseIdParams, warehouseSchema } from './warehouse-schemas.js';

/**
 * Start, stop and delete: how a warehouse runs. Each asks the operator for a transition and
 * answers once it has observed it (requestWarehouseTransition).
 */
export const lifecycleRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  app.post(
    '/:id/start',
    { schema: warehouseSchema('Start a SQL warehouse', { params: WarehouseIdParams, response: Empty }) },
    async (request) => {
      const { id } = request.params;
      const { namespace } = request.workspace;
      const warehouse = findLiveWarehouse(services, request, id, 'CAN_USE');
      const state = reportedWarehouseState(warehouse);
      // Starting a warehouse that runs or is starting changes nothing.
      if (warehouse.spec.desiredState === 'RUNNING' && (state === 'RUNNING' || state === 'STARTING'))
        return {};
      await requestWarehouseTransition(
        services,
        namespace,
        id,
        ({ spec }) => warehouseStartRequested(spec),
        request.log,
      );
      return {};
    },
  );

  app.post(
    '/:id/stop',
    { schema: warehouseSchema('Stop a SQL warehouse', { params: WarehouseIdParams, response: Empty }) },
    async (request) => {
      const { id } = request.params;
      const { namespace } = request.workspace;
      findLiveWarehouse(services, request, id, 'CAN_MANAGE');
      await requestWarehouseTransition(
        services,
        namespace,
        id,
        ({ spec }) => warehouseStopRequested(spec),
        request.log,
      );
      return {};
    },
  );

  app.delete(
    '/:id',
    { schema: warehouseSchema('Delete a SQL warehouse', { params: WarehouseIdParams, response: Empty }) },
    async (request) => {
      const { id } = request.params;
      const { namespace } = request.workspace;
      const warehouse = findPermittedWarehouse(services, request, id, 'CAN_MANAGE');
      if (warehouse.spec.desiredState === 'DELETED') return {};
      await requestWarehouseTransition(
        services,
        namespace,
        id,
        ({ spec }) => warehouseDeletionRequested(spec),
        request.log,
      );
      return {};
    },
  );
};
