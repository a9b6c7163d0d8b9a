import type {
  TOperationHandle,
  TOperationType,
  TSessionHandle,
  TSparkDirectResults,
  TSparkGetDirectResults,
  TStatus,
} from '@databricks/sql/thrift/TCLIService_types.js';
import type { CallContext } from './call-context.js';
import { directResults } from './direct-results.js';
import type { MetadataResult } from './metadata-results.js';
import { operationHandle } from './responses.js';
import { RowsOperation } from './rows-operation.js';
import { successStatus } from './tcli-status.js';

/** What every metadata call asks with: its session, and maybe direct results. */
export interface MetadataRequest {
  sessionHandle: TSessionHandle;
  getDirectResults?: TSparkGetDirectResults;
}

/** What every metadata call answers: an operation whose rows are ready at once (none on failure). */
export interface MetadataResponse {
  status: TStatus;
  operationHandle?: TOperationHandle;
  directResults?: TSparkDirectResults;
}

/** A metadata call: its result is computed now, held as a FINISHED operation of the session. */
export async function metadataCall(
  context: CallContext,
  request: MetadataRequest,
  type: TOperationType,
  result: () => MetadataResult,
): Promise<MetadataResponse> {
  const { sessions } = context.endpoint;
  const session = sessions.session(request.sessionHandle?.sessionId, context.owner);
  const { columns, rows } = result();
  const operation = new RowsOperation(type, columns, rows);
  sessions.addOperation(session, operation);
  const direct = await directResults(context, operation, request.getDirectResults);
  return {
    status: successStatus(),
    operationHandle: operationHandle(operation),
    ...(direct && { directResults: direct }),
  };
}
