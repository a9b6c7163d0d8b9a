/**
 * An error in the Databricks REST form: `{"error_code": "...", "message": "..."}` with the HTTP
 * status the official SDKs map that code to (databricks-sdk-py errors/platform.py).
 */
export declare class DatabricksError extends Error {
  readonly statusCode: number;
  readonly errorCode: string;
  constructor(statusCode: number, errorCode: string, message: string);
  toJSON(): {
    error_code: string;
    message: string;
  };
}
export declare const invalidParameter: (message: string) => DatabricksError;
export declare const invalidState: (message: string) => DatabricksError;
export declare const malformedRequest: (message: string) => DatabricksError;
export declare const unauthenticated: (message: string) => DatabricksError;
export declare const permissionDenied: (message: string) => DatabricksError;
export declare const resourceDoesNotExist: (message: string) => DatabricksError;
export declare const resourceAlreadyExists: (message: string) => DatabricksError;
export declare const resourceLimitExceeded: (message: string) => DatabricksError;
export declare const notImplemented: (message: string) => DatabricksError;
export declare const temporarilyUnavailable: (message: string) => DatabricksError;
/**
 * Databricks answers a get of a missing cluster, job or run with 400 INVALID_PARAMETER_VALUE and
 * these exact messages; the SDKs turn them into ResourceDoesNotExist (errors/overrides.py).
 */
export declare const clusterDoesNotExist: (clusterId: string) => DatabricksError;
export declare const jobDoesNotExist: (jobId: number | string) => DatabricksError;
export declare const runDoesNotExist: (runId: number | string) => DatabricksError;
