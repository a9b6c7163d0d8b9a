import { type TUnsafe, Type } from 'typebox';

/**
 * Schema building blocks that are valid both for AJV (request validation, OpenAPI) and as
 * Kubernetes structural schemas (CRDs): enums as `enum`, maps as `additionalProperties`.
 */

export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string; default?: T[number] } = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** A string-to-string map whose keys are user data (tags, Spark conf): never case-converted. */
export function StringMap(description?: string): TUnsafe<Record<string, string>> {
  return Type.Unsafe<Record<string, string>>({
    type: 'object',
    additionalProperties: { type: 'string' },
    ...(description ? { description } : {}),
  });
}

/**
 * A subtree Brickyard stores and returns as given without modelling it (notification settings,
 * cloud attributes): its keys are kept exactly as the client sent them.
 */
export function FreeForm(description?: string): TUnsafe<Record<string, unknown>> {
  return Type.Unsafe<Record<string, unknown>>({
    type: 'object',
    additionalProperties: true,
    'x-kubernetes-preserve-unknown-fields': true,
    ...(description ? { description } : {}),
  });
}

/** Epoch milliseconds, the timestamp form of every Databricks API. */
export const EpochMillis = Type.Integer({ minimum: 0, description: 'epoch milliseconds' });
