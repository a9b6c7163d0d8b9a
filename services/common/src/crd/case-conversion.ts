import type { Static, TSchema } from 'typebox';

/**
 * The REST API speaks snake_case (Databricks); Kubernetes resources speak camelCase. Conversion is
 * driven by the snake_case schema, so the keys of user maps (custom_tags, spark_conf, ...) and of
 * free-form subtrees are never touched, and every field maps back to exactly the name it came from.
 */

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  [keyword: string]: unknown;
}

type CamelKey<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelKey<Tail>>}`
  : S;

/** The type of a snake_case API object once its fields are camelCased. */
export type Camelized<T> = T extends readonly (infer Item)[]
  ? Camelized<Item>[]
  : T extends object
    ? { [K in keyof T as K extends string ? CamelKey<K> : K]: Camelized<T[K]> }
    : T;

export function camelCaseKey(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, next: string) => next.toUpperCase());
}

const camelToSnakeByProperties = new WeakMap<Record<string, JsonSchema>, Map<string, string>>();

function snakeNameOf(properties: Record<string, JsonSchema>, camelKey: string): string | undefined {
  let names = camelToSnakeByProperties.get(properties);
  if (!names) {
    names = new Map(Object.keys(properties).map((snake) => [camelCaseKey(snake), snake]));
    camelToSnakeByProperties.set(properties, names);
  }
  return names.get(camelKey);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Direction = 'toCamel' | 'toSnake';

function convert(value: unknown, schema: JsonSchema, direction: Direction): unknown {
  if (Array.isArray(value)) {
    return schema.items ? value.map((item) => convert(item, schema.items as JsonSchema, direction)) : value;
  }
  if (!isPlainObject(value)) return value;
  if (schema.properties) {
    const properties = schema.properties;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      const snake = direction === 'toCamel' ? key : snakeNameOf(properties, key);
      const fieldSchema = snake === undefined ? undefined : properties[snake];
      // Fields the schema does not know are dropped, as the apiserver would prune them.
      if (snake === undefined || fieldSchema === undefined) continue;
      out[direction === 'toCamel' ? camelCaseKey(snake) : snake] = convert(field, fieldSchema, direction);
    }
    return out;
  }
  if (isPlainObject(schema.additionalProperties)) {
    const valueSchema = schema.additionalProperties;
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [key, convert(field, valueSchema, direction)]),
    );
  }
  return value;
}

/** TypeBox schemas are plain JSON Schema objects at run time. */
export function asJsonSchema(schema: TSchema): JsonSchema {
  return schema as unknown as JsonSchema;
}

export function toCamelCase<S extends TSchema>(value: Static<S>, schema: S): Camelized<Static<S>> {
  return convert(value, asJsonSchema(schema), 'toCamel') as Camelized<Static<S>>;
}

export function toSnakeCase<S extends TSchema>(value: Camelized<Static<S>>, schema: S): Static<S> {
  return convert(value, asJsonSchema(schema), 'toSnake') as Static<S>;
}
