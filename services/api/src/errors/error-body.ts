import { Type } from 'typebox';

/** What every error answer carries: Databricks' `{"error_code", "message"}`, with `details` at times. */
export const DatabricksErrorBody = Type.Object(
  {
    error_code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
  },
  { description: 'A Databricks error' },
);

/**
 * Response schemas for the error statuses a route answers beyond those every route of its kind
 * does (plugins/documented-errors.ts adds those): `response: { 200: X, ...errorResponses(409) }`.
 */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof DatabricksErrorBody> {
  return Object.fromEntries(statuses.map((status) => [status, DatabricksErrorBody])) as Record<
    S,
    typeof DatabricksErrorBody
  >;
}
