import { toCamelCase, toSnakeCase, type WarehouseResource } from '@brickyard/common/crd';
import { WarehouseSpec } from '@brickyard/common/schema';
import { API_VERSION, Labels, MANAGED_BY } from '@brickyard/common/vocabulary';
import { type WarehouseDefinition, warehouseEditRequested } from '@brickyard/common/warehouse-spec';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteOptions } from '../../../services.js';
import { assertProvisioned } from '../../../store/workspace-directory.js';
import { requestWarehouseTransition } from './spec-change.js';
import { newWarehouseId } from './warehouse-id.js';
import { findLiveWarehouse } from './warehouse-lookup.js';
import { assertNameFree, validateDefinition, WarehouseBody } from './warehouse-rules.js';
import { Empty, WarehouseIdParams, warehouseSchema } from './warehouse-schemas.js';

/** A new Warehouse resource: running from start generation 0, labelled with its workspace and id. */
function buildWarehouseResource(input: {
  warehouseId: string;
  namespace: string;
  workspaceId: number;
  definition: WarehouseDefinition;
  creatorName: string;
}): WarehouseResource {
  const spec: WarehouseSpec = {
    ...input.definition,
    creator_name: input.creatorName,
    desired_state: 'RUNNING',
    start_generation: 0,
  };
  return {
    apiVersion: API_VERSION,
    kind: 'Warehouse',
    metadata: {
      name: input.warehouseId,
      namespace: input.namespace,
      labels: {
        [Labels.managedBy]: MANAGED_BY,
        [Labels.workspaceId]: String(input.workspaceId),
        [Labels.warehouseId]: input.warehouseId,
      },
    },
    spec: toCamelCase(spec, WarehouseSpec),
  };
}

/** What a client set of a warehouse (without the API's own controls), for an edit to merge into. */
function currentBody(warehouse: WarehouseResource): WarehouseBody {
  const { desired_state, start_generation, creator_name, ...definition } = toSnakeCase(
    warehouse.spec,
    WarehouseSpec,
  );
  return definition;
}

/** Create and edit: what a warehouse is. */
export const definitionRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { warehouses } = services;

  app.post(
    '',
    {
      schema: warehouseSchema('Create a SQL warehouse', {
        body: WarehouseBody,
        response: Type.Object({ id: Type.String() }),
      }),
    },
    async (request) => {
      const definition = validateDefinition(request.body);
      const { namespace, workspaceId, resource: workspace } = request.workspace;
      assertProvisioned(workspace);
      assertNameFree(warehouses.list(namespace), definition.name);
      const warehouseId = newWarehouseId();
      await warehouses.create(
        buildWarehouseResource({
          warehouseId,
          namespace,
          workspaceId,
          definition,
          creatorName: request.principal.userName,
        }),
      );
      return { id: warehouseId };
    },
  );

  app.post(
    '/:id/edit',
    {
      schema: warehouseSchema('Change the definition of a SQL warehouse', {
        params: WarehouseIdParams,
        body: WarehouseBody,
        response: Empty,
      }),
    },
    async (request) => {
      const { id } = request.params;
      const { namespace } = request.workspace;
      const warehouse = findLiveWarehouse(services, request, id, 'CAN_MANAGE');
      // Fields left out keep their values, as the SDK's edit sends only the ones it is given.
      const given = Object.fromEntries(
        Object.entries(request.body).filter(([, value]) => value !== undefined),
      );
      const definition = validateDefinition({ ...currentBody(warehouse), ...given });
      assertNameFree(warehouses.list(namespace), definition.name, id);
      await requestWarehouseTransition(
        services,
        namespace,
        id,
        ({ spec }) => warehouseEditRequested(spec, definition),
        request.log,
      );
      return {};
    },
  );
};
