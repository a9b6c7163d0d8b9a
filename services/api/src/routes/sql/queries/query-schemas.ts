import { FreeForm, QueryAttributes, StringEnum } from '@brickyard/common/schema';
import { type TSchema, Type } from 'typebox';
import { errorResponses } from '../../../errors/error-body.js';

/** The Queries API's shapes (sdk-py sql.py: Query, CreateQueryRequest, UpdateQueryRequest). */

export const QueryIdParams = Type.Object({ id: Type.String({ minLength: 1 }) });
export const Empty = Type.Object({});

export const CreateQueryBody = Type.Object({
  query: Type.Optional(QueryAttributes),
  auto_resolve_display_name: Type.Optional(Type.Boolean()),
});

export const UpdateQueryBody = Type.Object({
  update_mask: Type.String(),
  query: Type.Optional(QueryAttributes),
  auto_resolve_display_name: Type.Optional(Type.Boolean()),
});

export const ListQueriesQuery = Type.Object({
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  page_token: Type.Optional(Type.String()),
});

/** A query as get, create, update and list return it. */
export const QueryView = Type.Object({
  id: Type.String(),
  display_name: Type.String(),
  query_text: Type.Optional(Type.String()),
  warehouse_id: Type.Optional(Type.String()),
  catalog: Type.Optional(Type.String()),
  schema: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  parameters: Type.Optional(Type.Array(FreeForm())),
  tags: Type.Optional(Type.Array(Type.String())),
  apply_auto_limit: Type.Optional(Type.Boolean()),
  run_as_mode: Type.Optional(StringEnum(['OWNER', 'VIEWER'])),
  parent_path: Type.Optional(Type.String()),
  owner_user_name: Type.String(),
  last_modifier_user_name: Type.Optional(Type.String()),
  lifecycle_state: StringEnum(['ACTIVE', 'TRASHED']),
  create_time: Type.String(),
  update_time: Type.String(),
});

export const QueryList = Type.Object({
  results: Type.Array(QueryView),
  next_page_token: Type.Optional(Type.String()),
});

/** The OpenAPI schema of a Queries API route: its parts, and its 200 response. */
export function querySchema<R extends TSchema, P extends object>(
  summary: string,
  parts: P & { response: R; errors?: number[] },
) {
  const { response, errors = [], ...rest } = parts;
  return {
    tags: ['sql-queries'],
    summary,
    ...rest,
    response: { 200: response, ...errorResponses(...errors) },
  };
}
