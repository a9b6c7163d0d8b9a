import type { TStatus } from '@databricks/sql/thrift/TCLIService_types.js';
import { ttypes } from './tcli.js';

/**
 * A call the endpoint refused or could not serve. It is answered in the call's TStatus, as a
 * HiveServer2 answers: the connectors raise it with this message (DatabaseError in Python).
 */
export class TcliError extends Error {
  constructor(
    message: string,
    readonly sqlState?: string,
    /** INVALID_HANDLE_STATUS for a session or operation this endpoint does not know. */
    readonly invalidHandle = false,
  ) {
    super(message);
    this.name = 'TcliError';
  }
}

export function successStatus(): TStatus {
  return new ttypes.TStatus({ statusCode: ttypes.TStatusCode.SUCCESS_STATUS });
}

export function errorStatus(error: TcliError): TStatus {
  return new ttypes.TStatus({
    statusCode: error.invalidHandle
      ? ttypes.TStatusCode.INVALID_HANDLE_STATUS
      : ttypes.TStatusCode.ERROR_STATUS,
    errorMessage: error.message,
    displayMessage: error.message,
    ...(error.sqlState && { sqlState: error.sqlState }),
  });
}
