/**
 * The OpenAPI response of a route that answers raw bytes: application/octet-stream, not JSON.
 * Fastify sends a Buffer or stream as it is, whatever the schema.
 */
export function binaryResponse(description: string) {
  return {
    description,
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  };
}
