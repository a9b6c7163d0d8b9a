import { RunStoreUnavailableError } from '@brickyard/common/runs';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  DatabricksError,
  malformedRequest,
  notImplemented,
  temporarilyUnavailable,
} from '../errors/databricks-error.js';
import { allowedMethods, methodNotAllowed } from './allowed-methods.js';

/** What a 5xx body says: nothing internal leaks. */
const INTERNAL_ERROR = { error_code: 'INTERNAL_ERROR', message: 'Internal error; see the API logs' } as const;

/** Typed errors of the stores and Fastify's own error codes, as a Databricks workspace answers them. */
function fromKnownError(error: FastifyError): DatabricksError | undefined {
  if (error instanceof RunStoreUnavailableError) return temporarilyUnavailable(error.message);
  if (error.validation) {
    const where = error.validationContext ?? 'request';
    return new DatabricksError(400, 'INVALID_PARAMETER_VALUE', `Invalid ${where}: ${error.message}`);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new DatabricksError(413, 'BAD_REQUEST', 'Request body is larger than the limit');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new DatabricksError(415, 'BAD_REQUEST', 'Unsupported Content-Type: send application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return malformedRequest('Invalid JSON given in the body of the request: the body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return malformedRequest(`Invalid JSON given in the body of the request: ${error.message}`);
  }
  if (error instanceof SyntaxError) {
    return malformedRequest(`Invalid JSON given in the body of the request: ${error.message}`);
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new DatabricksError(error.statusCode, 'BAD_REQUEST', error.message);
  }
  return undefined;
}

/**
 * One error handler for the whole API: every error leaves in the Databricks form, and nothing
 * internal leaks into a 5xx body.
 */
export const errorHandler = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error instanceof DatabricksError ? error : fromKnownError(error);
    if (known) {
      if (known.statusCode >= 500) request.log.warn({ err: error }, 'Request failed');
      if (known.retryAfterSeconds !== undefined) reply.header('retry-after', String(known.retryAfterSeconds));
      return reply.status(known.statusCode).send(known.toJSON());
    }
    request.log.error({ err: error }, 'Unexpected error');
    return reply.status(500).send(INTERNAL_ERROR);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    // A known path asked with another method: 405, with the methods it has.
    const allowed = allowedMethods(app, path);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      const error = methodNotAllowed(request.method, path);
      return reply.status(error.statusCode).header('allow', allowed.join(', ')).send(error.toJSON());
    }
    if (path.startsWith('/api/')) {
      const error = notImplemented(`${request.method} ${path} is not implemented by Brickyard`);
      return reply.status(error.statusCode).send(error.toJSON());
    }
    return reply.status(404).send({ error_code: 'ENDPOINT_NOT_FOUND', message: `No endpoint ${path}` });
  });
});

/**
 * Errors Fastify raises before a request reaches routing and hooks (a URL it cannot decode), in
 * the Databricks form too: the `frameworkErrors` option of the Fastify instance.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error.statusCode !== undefined && error.statusCode < 500) {
    const malformed = malformedRequest(error.message);
    void reply.status(malformed.statusCode).send(malformed.toJSON());
    return;
  }
  request.log.error({ err: error }, 'Unexpected error');
  void reply.status(500).send(INTERNAL_ERROR);
}
