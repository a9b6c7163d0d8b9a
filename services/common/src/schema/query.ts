import { type Static, Type } from 'typebox';
import { FreeForm, StringEnum } from './primitives.js';

/**
 * A saved query of Databricks SQL (the Queries API, /api/2.0/sql/queries; sdk-py sql.py `Query`),
 * in the API's field names; the Query resource stores it in camelCase, named by the query's id.
 * Times are the API's RFC 3339 strings. `parameters` are kept as the client sent them
 * (text_value, numeric_value, enum_value, date_value... each a small object of its own).
 */

const QUERY_LIFECYCLE_STATES = ['ACTIVE', 'TRASHED'] as const;

/** What a client may set of a query (CreateQueryRequestQuery, UpdateQueryRequestQuery). */
const attributeFields = {
  display_name: Type.Optional(Type.String({ maxLength: 1024 })),
  query_text: Type.Optional(Type.String()),
  warehouse_id: Type.Optional(Type.String({ maxLength: 64 })),
  catalog: Type.Optional(Type.String({ maxLength: 255 })),
  schema: Type.Optional(Type.String({ maxLength: 255 })),
  description: Type.Optional(Type.String()),
  parameters: Type.Optional(Type.Array(FreeForm('a query parameter: name, title and one typed value'))),
  tags: Type.Optional(Type.Array(Type.String())),
  apply_auto_limit: Type.Optional(Type.Boolean()),
  run_as_mode: Type.Optional(StringEnum(['OWNER', 'VIEWER'])),
  parent_path: Type.Optional(Type.String()),
  owner_user_name: Type.Optional(Type.String()),
};
export const QueryAttributes = Type.Object(attributeFields);
export type QueryAttributes = Static<typeof QueryAttributes>;

/** The Query resource's spec: the attributes, and what the API keeps of the query's life. */
export const QuerySpec = Type.Object({
  ...attributeFields,
  display_name: Type.String({ minLength: 1, maxLength: 1024 }),
  owner_user_name: Type.String(),
  last_modifier_user_name: Type.Optional(Type.String()),
  lifecycle_state: StringEnum(QUERY_LIFECYCLE_STATES),
  create_time: Type.String(),
  update_time: Type.String(),
});
export type QuerySpec = Static<typeof QuerySpec>;

/** No controller acts on a query: the API is its only writer. */
export const QueryStatus = Type.Object({});
export type QueryStatus = Static<typeof QueryStatus>;
