/** A JSON schema of path parameters, as a route's `schema.params` holds it. */
interface ParamsSchema {
  type?: string;
  properties?: Record<string, unknown>;
  required?: string[];
}

/** The named parameters of a Fastify route URL: `/accounts/:account_id/x/:id` has two. */
function namedParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1] ?? '');
}

/**
 * A route's params schema with every named parameter of its URL in it. @fastify/swagger documents
 * only a schema's own parameters, so a route mounted under a prefix with a parameter (the account
 * SCIM routes under /accounts/:account_id) would miss that one in its OpenAPI operation.
 */
export function withEveryPathParam(params: unknown, url: string): unknown {
  const schema = params as ParamsSchema | undefined;
  if (!schema?.properties) return params;
  const missing = namedParams(url).filter((name) => !(name in (schema.properties ?? {})));
  if (missing.length === 0) return params;
  return {
    ...schema,
    properties: {
      ...schema.properties,
      ...Object.fromEntries(missing.map((name) => [name, { type: 'string' }])),
    },
    required: [...(schema.required ?? []), ...missing],
  };
}
