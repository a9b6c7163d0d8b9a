/**
 * An error in the Databricks REST form: `{"error_code": "...", "message": "..."}` with the HTTP
 * status the official SDKs map that code to (databricks-sdk-py errors/platform.py).
 */
export class DatabricksError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorCode: string,
    message: string,
    /** Sent as Retry-After: the SDKs wait that long before they retry a 429 or 503. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DatabricksError';
  }

  toJSON(): { error_code: string; message: string } {
    return { error_code: this.errorCode, message: this.message };
  }
}

export const invalidParameter = (message: string) =>
  new DatabricksError(400, 'INVALID_PARAMETER_VALUE', message);
export const invalidState = (message: string) => new DatabricksError(400, 'INVALID_STATE', message);
export const malformedRequest = (message: string) => new DatabricksError(400, 'MALFORMED_REQUEST', message);
export const unauthenticated = (message: string) => new DatabricksError(401, 'UNAUTHENTICATED', message);
export const permissionDenied = (message: string) => new DatabricksError(403, 'PERMISSION_DENIED', message);
export const resourceDoesNotExist = (message: string) =>
  new DatabricksError(404, 'RESOURCE_DOES_NOT_EXIST', message);
export const resourceAlreadyExists = (message: string) =>
  new DatabricksError(409, 'RESOURCE_ALREADY_EXISTS', message);
export const resourceLimitExceeded = (message: string) => new DatabricksError(400, 'QUOTA_EXCEEDED', message);
export const notImplemented = (message: string) => new DatabricksError(501, 'NOT_IMPLEMENTED', message);
export const temporarilyUnavailable = (message: string, retryAfterSeconds = 1) =>
  new DatabricksError(503, 'TEMPORARILY_UNAVAILABLE', message, retryAfterSeconds);

/**
 * Databricks answers a get of a missing cluster, job or run with 400 INVALID_PARAMETER_VALUE and
 * these exact messages; the SDKs turn them into ResourceDoesNotExist (errors/overrides.py).
 */
export const clusterDoesNotExist = (clusterId: string) =>
  invalidParameter(`Cluster ${clusterId} does not exist`);
export const jobDoesNotExist = (jobId: number | string) => invalidParameter(`Job ${jobId} does not exist`);
export const runDoesNotExist = (runId: number | string) => invalidParameter(`Run ${runId} does not exist`);
