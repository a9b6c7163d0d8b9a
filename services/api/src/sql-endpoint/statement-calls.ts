import type {
  TExecuteStatementReq,
  TExecuteStatementResp,
  TSparkArrowTypes,
} from '@databricks/sql/thrift/TCLIService_types.js';
import type { ArrowNativeTypes } from './arrow-schema.js';
import type { CallContext } from './call-context.js';
import { directResults } from './direct-results.js';
import { numberOf } from './fetch-limits.js';
import { operationHandle } from './responses.js';
import { StatementOperation } from './statement-operation.js';
import { ttypes } from './tcli.js';
import { successStatus } from './tcli-status.js';
import { statementParameters } from './thrift-parameters.js';

/** What a client that reads Arrow reads natively; a client that says nothing gets text, as from DBSQL. */
function nativeTypesOf(types: TSparkArrowTypes | undefined): ArrowNativeTypes {
  return {
    timestamps: types?.timestampAsArrow ?? false,
    decimals: types?.decimalAsArrow ?? false,
    complexTypes: types?.complexTypesAsArrow ?? false,
  };
}

/**
 * Starts a statement in the session, and answers its handle (with direct results when asked).
 * The statement runs whether the client asks for it to run asynchronously or not: a client that
 * did not polls its status all the same.
 */
export async function executeStatement(
  context: CallContext,
  request: TExecuteStatementReq,
): Promise<TExecuteStatementResp> {
  const { endpoint, compute, log } = context;
  const session = endpoint.sessions.session(request.sessionHandle?.sessionId, context.owner);
  const engine = endpoint.sqlEngine();
  const rowLimit = numberOf(request.resultRowLimit);
  const operation = new StatementOperation(
    { engine, compute, log, sparkSession: (address) => session.sparkSession(engine, address) },
    {
      sql: String(request.statement ?? ''),
      parameters: statementParameters(request.parameters),
      arrow: request.canReadArrowResult ? nativeTypesOf(request.useArrowNativeTypes) : undefined,
      ...(rowLimit !== undefined && rowLimit > 0 && { rowLimit }),
    },
  );
  endpoint.sessions.addOperation(session, operation);
  const direct = await directResults(context, operation, request.getDirectResults);
  return new ttypes.TExecuteStatementResp({
    status: successStatus(),
    operationHandle: operationHandle(operation),
    ...(direct && { directResults: direct }),
  });
}
