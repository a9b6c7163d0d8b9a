import type {
  TFetchResultsResp,
  TGetOperationStatusResp,
  TGetResultSetMetadataResp,
  THandleIdentifier,
  TOperationHandle,
  TOperationState,
} from '@databricks/sql/thrift/TCLIService_types.js';
import { Int64 } from 'thrift';
import { tableSchema } from './column-descriptors.js';
import type { HandleIdentifier } from './handles.js';
import type { Operation, OperationState, ResultPage } from './operation.js';
import { ttypes } from './tcli.js';
import { successStatus } from './tcli-status.js';

/** The answers about an operation that several calls share (direct results repeat them). */

const S = ttypes.TOperationState;
const STATES: Readonly<Record<OperationState, TOperationState>> = {
  PENDING: S.PENDING_STATE,
  RUNNING: S.RUNNING_STATE,
  FINISHED: S.FINISHED_STATE,
  ERROR: S.ERROR_STATE,
  CANCELED: S.CANCELED_STATE,
  CLOSED: S.CLOSED_STATE,
};

export function thriftIdentifier(handle: HandleIdentifier): THandleIdentifier {
  return new ttypes.THandleIdentifier({ guid: handle.guid, secret: handle.secret });
}

export function operationHandle(operation: Operation): TOperationHandle {
  return new ttypes.TOperationHandle({
    operationId: thriftIdentifier(operation.handle),
    operationType: operation.type,
    hasResultSet: true,
  });
}

/** A failed statement's error is the operation's, not the call's: the call itself succeeded. */
export function operationStatusResponse(operation: Operation): TGetOperationStatusResp {
  const { state, error, startedAt, endedAt } = operation.status();
  return new ttypes.TGetOperationStatusResp({
    status: successStatus(),
    operationState: STATES[state],
    hasResultSet: true,
    operationStarted: new Int64(startedAt),
    ...(endedAt !== undefined && { operationCompleted: new Int64(endedAt) }),
    ...(error && {
      errorMessage: error.message,
      displayMessage: error.message,
      ...(error.sqlState && { sqlState: error.sqlState }),
    }),
  });
}

export function metadataResponse(operation: Operation): TGetResultSetMetadataResp {
  const { columns, format, arrowSchema } = operation.metadata();
  return new ttypes.TGetResultSetMetadataResp({
    status: successStatus(),
    schema: tableSchema(columns),
    resultFormat:
      format === 'arrow' ? ttypes.TSparkRowSetType.ARROW_BASED_SET : ttypes.TSparkRowSetType.COLUMN_BASED_SET,
    lz4Compressed: false,
    isStagingOperation: false,
    ...(arrowSchema && { arrowSchema }),
  });
}

export function fetchResponse(
  page: ResultPage,
  metadata: TGetResultSetMetadataResp | undefined,
): TFetchResultsResp {
  return new ttypes.TFetchResultsResp({
    status: successStatus(),
    hasMoreRows: page.hasMoreRows,
    results: page.rowSet,
    ...(metadata && { resultSetMetadata: metadata }),
  });
}
