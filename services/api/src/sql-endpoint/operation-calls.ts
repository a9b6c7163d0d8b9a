import type {
  TCancelOperationReq,
  TCancelOperationResp,
  TCloseOperationReq,
  TCloseOperationResp,
  TFetchResultsReq,
  TFetchResultsResp,
  TGetOperationStatusReq,
  TGetOperationStatusResp,
  TGetResultSetMetadataReq,
  TGetResultSetMetadataResp,
} from '@databricks/sql/thrift/TCLIService_types.js';
import { Int64 } from 'thrift';
import type { CallContext } from './call-context.js';
import { fetchRequest } from './fetch-limits.js';
import { fetchResponse, metadataResponse, operationStatusResponse } from './responses.js';
import { ttypes } from './tcli.js';
import { successStatus, TcliError } from './tcli-status.js';

/**
 * How long a status call waits for a running operation to end before it answers RUNNING: the
 * Python connector polls without pausing, so the wait is what spaces its calls.
 */
const STATUS_WAIT_MS = 2_000;

/** TFetchResultsReq.fetchType: 0 the rows, 1 the operation's log (this endpoint keeps none). */
const FETCH_LOG = 1;

export async function getOperationStatus(
  context: CallContext,
  request: TGetOperationStatusReq,
): Promise<TGetOperationStatusResp> {
  const operation = context.endpoint.sessions.operation(request.operationHandle?.operationId, context.owner);
  await operation.settled(STATUS_WAIT_MS);
  return operationStatusResponse(operation);
}

export async function cancelOperation(
  context: CallContext,
  request: TCancelOperationReq,
): Promise<TCancelOperationResp> {
  context.endpoint.sessions.operation(request.operationHandle?.operationId, context.owner).cancel();
  return new ttypes.TCancelOperationResp({ status: successStatus() });
}

/**
 * Closing an operation that is gone (closed with its direct results, expired, or closed twice)
 * succeeds: the client wants it closed, and it is.
 */
export async function closeOperation(
  context: CallContext,
  request: TCloseOperationReq,
): Promise<TCloseOperationResp> {
  const { sessions } = context.endpoint;
  try {
    sessions.closeOperation(sessions.operation(request.operationHandle?.operationId, context.owner));
  } catch (error) {
    if (!(error instanceof TcliError && error.invalidHandle)) throw error;
  }
  return new ttypes.TCloseOperationResp({ status: successStatus() });
}

export async function getResultSetMetadata(
  context: CallContext,
  request: TGetResultSetMetadataReq,
): Promise<TGetResultSetMetadataResp> {
  const operation = context.endpoint.sessions.operation(request.operationHandle?.operationId, context.owner);
  return metadataResponse(operation);
}

export async function fetchResults(
  context: CallContext,
  request: TFetchResultsReq,
): Promise<TFetchResultsResp> {
  const operation = context.endpoint.sessions.operation(request.operationHandle?.operationId, context.owner);
  const { FETCH_NEXT, FETCH_FIRST } = ttypes.TFetchOrientation;
  const orientation = request.orientation ?? FETCH_NEXT;
  if (orientation !== FETCH_NEXT && orientation !== FETCH_FIRST) {
    throw new TcliError(`The fetch orientation ${orientation} is not supported: use FETCH_NEXT`);
  }
  if (request.fetchType === FETCH_LOG) {
    const empty = new ttypes.TRowSet({ startRowOffset: new Int64(0), rows: [], columns: [] });
    return new ttypes.TFetchResultsResp({ status: successStatus(), hasMoreRows: false, results: empty });
  }
  const metadata = request.includeResultSetMetadata ? metadataResponse(operation) : undefined;
  const page = await operation.fetch(
    fetchRequest(request.maxRows, request.maxBytes, orientation === FETCH_FIRST),
  );
  return fetchResponse(page, metadata);
}
