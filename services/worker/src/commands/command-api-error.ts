/**
 * A refusal of the command server, answered in the Databricks error format
 * `{"error_code": "...", "message": "..."}` with its HTTP status.
 */
export class CommandApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'CommandApiError';
  }

  get body(): string {
    return JSON.stringify({ error_code: this.errorCode, message: this.message });
  }
}

export function invalidParameter(message: string): CommandApiError {
  return new CommandApiError(400, 'INVALID_PARAMETER_VALUE', message);
}

export function doesNotExist(message: string): CommandApiError {
  return new CommandApiError(404, 'RESOURCE_DOES_NOT_EXIST', message);
}
