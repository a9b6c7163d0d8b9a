import { DatabricksError, temporarilyUnavailable } from '../../errors/databricks-error.js';

/**
 * What the API answers when the command service on a cluster's driver refuses a call or gives no
 * answer. Its refusals are already in the Databricks form and pass through as they are.
 */

function errorBody(text: string): { error_code: string; message: string } | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null) return undefined;
    const { error_code, message } = body as Record<string, unknown>;
    return typeof error_code === 'string' && typeof message === 'string'
      ? { error_code, message }
      : undefined;
  } catch {
    return undefined;
  }
}

/** A non-2xx answer of the driver: its status and error, or an internal error if it is not one. */
export function driverRefusal(clusterId: string, status: number, text: string): DatabricksError {
  const body = errorBody(text);
  if (!body) {
    return new DatabricksError(
      500,
      'INTERNAL_ERROR',
      `The runtime of cluster ${clusterId} gave an unexpected answer (HTTP ${status})`,
    );
  }
  // The SDKs wait Retry-After before retrying a 503; the driver leaves it out.
  return new DatabricksError(status, body.error_code, body.message, status === 503 ? 1 : undefined);
}

/**
 * A call the driver did not answer. Unreachable is worth a retry (the runtime is starting or
 * going); a timeout is not retried for the client, since an execute may have been run.
 */
export function driverUnanswered(clusterId: string, error: unknown, timeoutMs: number): DatabricksError {
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError') {
    return new DatabricksError(
      504,
      'DEADLINE_EXCEEDED',
      `The runtime of cluster ${clusterId} did not answer within ${timeoutMs / 1000} s`,
    );
  }
  return temporarilyUnavailable(`The runtime of cluster ${clusterId} cannot be reached`);
}
