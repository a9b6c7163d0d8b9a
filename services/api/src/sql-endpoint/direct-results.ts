import type {
  TSparkDirectResults,
  TSparkGetDirectResults,
} from '@databricks/sql/thrift/TCLIService_types.js';
import type { CallContext } from './call-context.js';
import { fetchRequest } from './fetch-limits.js';
import type { Operation } from './operation.js';
import { fetchResponse, metadataResponse, operationStatusResponse } from './responses.js';
import { ttypes } from './tcli.js';
import { successStatus } from './tcli-status.js';

/** How long a call that asks for direct results waits for its operation before it answers. */
const DIRECT_RESULTS_WAIT_MS = 5_000;

/**
 * Direct results (TSparkDirectResults): a call that asks for them gets the operation's status
 * and, when it finished in time, its metadata and first rows, saving the client three calls.
 * When those rows are the whole result the operation is closed here, and the answer says so.
 */
export async function directResults(
  context: CallContext,
  operation: Operation,
  request: TSparkGetDirectResults | undefined,
): Promise<TSparkDirectResults | undefined> {
  if (!request) return undefined;
  await operation.settled(DIRECT_RESULTS_WAIT_MS);
  const operationStatus = operationStatusResponse(operation);
  if (operation.status().state !== 'FINISHED') return new ttypes.TSparkDirectResults({ operationStatus });
  const resultSetMetadata = metadataResponse(operation);
  const page = await operation.fetch(fetchRequest(request.maxRows, request.maxBytes));
  const resultSet = fetchResponse(page, resultSetMetadata);
  if (page.hasMoreRows)
    return new ttypes.TSparkDirectResults({ operationStatus, resultSetMetadata, resultSet });
  context.endpoint.sessions.closeOperation(operation);
  return new ttypes.TSparkDirectResults({
    operationStatus,
    resultSetMetadata,
    resultSet,
    closeOperation: new ttypes.TCloseOperationResp({ status: successStatus() }),
  });
}
