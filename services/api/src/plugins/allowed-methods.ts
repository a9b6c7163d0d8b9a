import type { FastifyInstance } from 'fastify';
import { DatabricksError } from '../errors/databricks-error.js';

/** The methods the REST API's routes use. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * The methods some route serves `path` with, asked of Fastify's own router. The web app's page
 * route `/*` matches every GET and names no endpoint, so a match of the whole path by a root
 * wildcard does not count.
 */
export function allowedMethods(app: Pick<FastifyInstance, 'findRoute'>, path: string): string[] {
  return METHODS.filter((method) => {
    const route = app.findRoute({ method, url: path });
    return route !== null && route.params['*'] !== path.slice(1);
  });
}

/**
 * A known path asked with a method it does not serve: 405, in the words Databricks uses for a
 * method and path it has no API for (`ENDPOINT_NOT_FOUND`, "No API found for 'GET /clusters/create'",
 * as databricks/databricks-cli#383 shows; Databricks itself answers that with 404).
 */
export function methodNotAllowed(method: string, path: string): DatabricksError {
  return new DatabricksError(405, 'ENDPOINT_NOT_FOUND', `No API found for '${method} ${path}'`);
}
