import { status as GrpcCode, type ServiceError } from '@grpc/grpc-js';
import type { ConnectProtos } from './connect-protos.js';
import { SqlError } from './sql-error.js';

/**
 * What a failed Spark Connect call means for a statement. Spark puts the error's class and SQLSTATE
 * in a google.rpc.ErrorInfo of the status details (grpc-status-details-bin), and its message,
 * `[CLASS] text SQLSTATE: s`, in the status message.
 */

const STATUS_DETAILS = 'grpc-status-details-bin';
/** Codes that say the engine could not be reached, not that it refused the statement. */
const UNREACHABLE = new Set<number>([GrpcCode.UNAVAILABLE, GrpcCode.DEADLINE_EXCEEDED]);

function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number';
}

interface ErrorInfoMessage {
  reason?: string;
  metadata?: Record<string, string>;
}

function errorInfoOf(error: ServiceError, protos: ConnectProtos): ErrorInfoMessage | undefined {
  const [details] = error.metadata?.get(STATUS_DETAILS) ?? [];
  if (!(details instanceof Uint8Array)) return undefined;
  try {
    const status = protos.status.toObject(protos.status.decode(details)) as {
      details?: { type_url?: string; value?: Uint8Array }[];
    };
    const info = status.details?.find((detail) => detail.type_url?.endsWith('/google.rpc.ErrorInfo'));
    if (!info?.value) return undefined;
    return protos.errorInfo.toObject(protos.errorInfo.decode(info.value)) as ErrorInfoMessage;
  } catch {
    return undefined;
  }
}

/** A failed call as the error of its statement. */
export function sqlErrorOfCall(error: unknown, protos: ConnectProtos): SqlError {
  if (!isServiceError(error)) {
    return new SqlError(`The SQL engine failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (UNREACHABLE.has(error.code)) {
    return SqlError.unavailable(
      `The SQL warehouse cannot be reached (${error.details || 'no answer'}); retry`,
    );
  }
  const metadata = errorInfoOf(error, protos)?.metadata ?? {};
  const message = error.details || metadata.errorClass || 'The statement failed';
  return new SqlError(message, metadata.errorClass, metadata.sqlState);
}
