import { randomUUID } from 'node:crypto';
import type { QueryAttributes } from '@brickyard/common/schema';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../../../services.js';
import { assertProvisioned } from '../../../store/workspace-directory.js';
import { createdQuerySpec, maskedFields, resolveDisplayName, updatedQuerySpec } from './query-changes.js';
import { assertWarehouseKnown, findQuery, queryDoesNotExist, takenNames } from './query-lookup.js';
import {
  CreateQueryBody,
  Empty,
  QueryIdParams,
  QueryView,
  querySchema,
  UpdateQueryBody,
} from './query-schemas.js';
import { queryResource, querySpecOf, toQueryView, withQuerySpec } from './query-view.js';

/** Create, update (by update_mask) and delete (to the trash). */
export const queryWriteRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { queries } = services;

  app.post(
    '',
    { schema: querySchema('Create a query', { body: CreateQueryBody, response: QueryView, errors: [409] }) },
    async (request) => {
      const { namespace, workspaceId, resource: workspace } = request.workspace;
      assertProvisioned(workspace);
      const attributes: QueryAttributes = request.body.query ?? {};
      const spec = createdQuerySpec(attributes, request.principal.userName, new Date());
      assertWarehouseKnown(services, namespace, spec.warehouse_id);
      spec.display_name = resolveDisplayName(
        spec.display_name,
        takenNames(services, namespace, spec.parent_path),
        request.body.auto_resolve_display_name ?? false,
      );
      const created = await queries.create(
        queryResource({ queryId: randomUUID(), namespace, workspaceId, spec }),
      );
      return toQueryView(created);
    },
  );

  app.patch(
    '/:id',
    {
      schema: querySchema('Update a query', {
        params: QueryIdParams,
        body: UpdateQueryBody,
        response: QueryView,
        errors: [409],
      }),
    },
    async (request) => {
      const { id } = request.params;
      const { namespace } = request.workspace;
      const fields = maskedFields(request.body.update_mask);
      const change = request.body.query ?? {};
      findQuery(services, namespace, id);
      const updated = await queries.update(namespace, id, (current) => {
        const spec = updatedQuerySpec(
          querySpecOf(current),
          change,
          fields,
          request.principal.userName,
          new Date(),
        );
        assertWarehouseKnown(services, namespace, spec.warehouse_id);
        if (fields.includes('display_name')) {
          spec.display_name = resolveDisplayName(
            spec.display_name,
            takenNames(services, namespace, spec.parent_path, id),
            request.body.auto_resolve_display_name ?? false,
          );
        }
        return withQuerySpec(current, spec);
      });
      if (!updated) throw queryDoesNotExist(id);
      return toQueryView(updated);
    },
  );

  app.delete(
    '/:id',
    { schema: querySchema('Move a query to the trash', { params: QueryIdParams, response: Empty }) },
    async (request) => {
      const { id } = request.params;
      const { namespace } = request.workspace;
      if (findQuery(services, namespace, id).spec.lifecycleState === 'TRASHED') return {};
      const updated = await queries.update(namespace, id, (current) => ({
        ...current,
        spec: { ...current.spec, lifecycleState: 'TRASHED', updateTime: new Date().toISOString() },
      }));
      if (!updated) throw queryDoesNotExist(id);
      return {};
    },
  );
};
