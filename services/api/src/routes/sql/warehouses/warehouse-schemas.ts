import { type TSchema, Type } from 'typebox';

export const Empty = Type.Object({});
export const WarehouseIdParams = Type.Object({ id: Type.String({ minLength: 1 }) });

/** The OpenAPI schema of a SQL Warehouses API route: its parts, and its 200 response. */
export function warehouseSchema<R extends TSchema, P extends object>(
  summary: string,
  parts: P & { response: R },
) {
  const { response, ...rest } = parts;
  return { tags: ['sql-warehouses'], summary, ...rest, response: { 200: response } };
}
