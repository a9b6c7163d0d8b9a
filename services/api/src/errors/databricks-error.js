/**
 * An error in the Databricks REST form: `{"error_code": "...", "message": "..."}` with the HTTP
 * status the official SDKs map that code to (databricks-sdk-py errors/platform.py).
 */
export class DatabricksError extends Error {
  statusCode;
  errorCode;
  constructor(statusCode, errorCode, message) {
    super(message);
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    this.name = 'DatabricksError';
  }
  toJSON() {
    return { error_code: this.errorCode, message: this.message };
  }
}
export const invalidParameter = (message) => new DatabricksError(400, 'INVALID_PARAMETER_VALUE', message);
export const invalidState = (message) => new DatabricksError(400, 'INVALID_STATE', message);
export const malformedRequest = (message) => new DatabricksError(400, 'MALFORMED_REQUEST', message);
export const unauthenticated = (message) => new DatabricksError(401, 'UNAUTHENTICATED', message);
export const permissionDenied = (message) => new DatabricksError(403, 'PERMISSION_DENIED', message);
export const resourceDoesNotExist = (message) => new DatabricksError(404, 'RESOURCE_DOES_NOT_EXIST', message);
export const resourceAlreadyExists = (message) =>
  new DatabricksError(409, 'RESOURCE_ALREADY_EXISTS', message);
export const resourceLimitExceeded = (message) => new DatabricksError(400, 'QUOTA_EXCEEDED', message);
export const notImplemented = (message) => new DatabricksError(501, 'NOT_IMPLEMENTED', message);
export const temporarilyUnavailable = (message) =>
  new DatabricksError(503, 'TEMPORARILY_UNAVAILABLE', message);
/**
 * Databricks answers a get of a missing cluster, job or run with 400 INVALID_PARAMETER_VALUE and
 * these exact messages; the SDKs turn them into ResourceDoesNotExist (errors/overrides.py).
 */
export const clusterDoesNotExist = (clusterId) => invalidParameter(`Cluster ${clusterId} does not exist`);
export const jobDoesNotExist = (jobId) => invalidParameter(`Job ${jobId} does not exist`);
export const runDoesNotExist = (runId) => invalidParameter(`Run ${runId} does not exist`);
//# sourceMappingURL=databricks-error.js.map
