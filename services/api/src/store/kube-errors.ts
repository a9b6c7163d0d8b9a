import { ApiException } from '@kubernetes/client-node';
import { DatabricksError, invalidParameter, temporarilyUnavailable } from '../errors/databricks-error.js';

export function kubeStatusCode(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}

function kubeMessage(error: ApiException<unknown>): string {
  const body = error.body;
  if (typeof body === 'string') {
    try {
      const status = JSON.parse(body) as { message?: string };
      if (status.message) return status.message;
    } catch {
      return body;
    }
  }
  return error.message;
}

/**
 * Maps an apiserver refusal to the Databricks error a client should see: schema and CEL
 * validation failures are the client's (400), an unreachable apiserver is temporary (503).
 * Anything else is rethrown as the internal error it is.
 */
export function toDatabricksError(error: unknown): unknown {
  if (error instanceof DatabricksError) return error;
  if (error instanceof ApiException) {
    if (error.code === 422 || error.code === 400) return invalidParameter(kubeMessage(error));
    if (error.code === 429 || error.code === 503 || error.code === 504) {
      return temporarilyUnavailable('The control plane is busy; retry');
    }
    return error;
  }
  const code = (error as { code?: string } | undefined)?.code;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT') {
    return temporarilyUnavailable('The control plane is unreachable; retry');
  }
  return error;
}
