import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { governedWarehouse } from '../../../permissions/governed-objects.js';
import type { RouteOptions } from '../../../services.js';
import { pageOf } from '../../paging.js';
import { sqlEndpointOf } from './sql-endpoint.js';
import { toWarehouseInfo, WarehouseInfo } from './warehouse-info.js';
import { findPermittedWarehouse } from './warehouse-lookup.js';
import { WarehouseIdParams, warehouseSchema } from './warehouse-schemas.js';

const ListQuery = Type.Object({
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  page_token: Type.Optional(Type.String()),
  run_as_user_id: Type.Optional(Type.Integer()),
});

export const readRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  app.get(
    '/:id',
    { schema: warehouseSchema('A SQL warehouse', { params: WarehouseIdParams, response: WarehouseInfo }) },
    async (request) => {
      const warehouse = findPermittedWarehouse(services, request, request.params.id, 'CAN_VIEW');
      return toWarehouseInfo(warehouse, sqlEndpointOf(request, services.config.host));
    },
  );

  app.get(
    '',
    {
      schema: warehouseSchema('SQL warehouses of the workspace (deleted ones left out)', {
        querystring: ListQuery,
        response: Type.Object({
          warehouses: Type.Array(WarehouseInfo),
          next_page_token: Type.Optional(Type.String()),
        }),
      }),
    },
    async (request) => {
      const endpoint = sqlEndpointOf(request, services.config.host);
      const listed = services.warehouses
        .list(request.workspace.namespace)
        .filter(
          (warehouse) => !warehouse.metadata.deletionTimestamp && warehouse.spec.desiredState !== 'DELETED',
        )
        // Only the warehouses the caller may view, as Databricks lists them.
        .filter((warehouse) =>
          services.permissions.can(request.principal, governedWarehouse(warehouse), 'CAN_VIEW'),
        )
        .map((warehouse) => toWarehouseInfo(warehouse, endpoint))
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      const page = pageOf(listed, request.query.page_size, request.query.page_token);
      return {
        warehouses: page.items,
        ...(page.tokens.next_page_token ? { next_page_token: page.tokens.next_page_token } : {}),
      };
    },
  );
};
