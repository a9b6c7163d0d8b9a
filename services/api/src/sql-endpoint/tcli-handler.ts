import type {
  TGetColumnsReq,
  TGetSchemasReq,
  TGetTablesReq,
  TOperationType,
  TStatus,
} from '@databricks/sql/thrift/TCLIService_types.js';
import { DatabricksError } from '../errors/databricks-error.js';
import type { CallContext } from './call-context.js';
import { type MetadataRequest, type MetadataResponse, metadataCall } from './metadata-calls.js';
import {
  catalogsResult,
  columnsResult,
  crossReferenceResult,
  functionsResult,
  type MetadataResult,
  primaryKeysResult,
  schemasResult,
  tablesResult,
  tableTypesResult,
  typeInfoResult,
} from './metadata-results.js';
import {
  cancelOperation,
  closeOperation,
  fetchResults,
  getOperationStatus,
  getResultSetMetadata,
} from './operation-calls.js';
import { closeSession, getInfo, openSession, SERVER_PROTOCOL_VERSION } from './session-calls.js';
import { executeStatement } from './statement-calls.js';
import { ttypes } from './tcli.js';
import { errorStatus, TcliError } from './tcli-status.js';

type Call<Request, Response> = (context: CallContext, request: Request) => Promise<Response>;

/**
 * A call whose failures are answered in its response's status, as HiveServer2 answers them: the
 * processor would answer a thrown error as a TApplicationException, which the connectors report
 * as a broken connection. Errors nobody expected are logged, and leave without their details.
 */
function guarded<Request, Response>(
  context: CallContext,
  name: string,
  call: Call<Request, Response>,
  failed: (status: TStatus) => Response,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      return await call(context, request);
    } catch (error) {
      if (error instanceof TcliError) return failed(errorStatus(error));
      if (error instanceof DatabricksError) return failed(errorStatus(new TcliError(error.message)));
      context.log.error({ err: error, call: name }, 'Thrift call failed');
      return failed(errorStatus(new TcliError('Internal error; see the API logs')));
    }
  };
}

/** The response classes of the metadata calls, which all answer an operation. */
type MetadataResponseClass<Response> = new (args: MetadataResponse) => Response;

function metadata<Request extends MetadataRequest, Response>(
  context: CallContext,
  name: string,
  Response: MetadataResponseClass<Response>,
  type: TOperationType,
  result: (request: Request) => MetadataResult,
) {
  return guarded<Request, Response>(
    context,
    name,
    async (callContext, request) =>
      new Response(await metadataCall(callContext, request, type, () => result(request))),
    (status) => new Response({ status }),
  );
}

const unsupported = (what: string) => async () => {
  throw new TcliError(`${what} is not supported`);
};

const t = ttypes;

/** Sessions and statements. */
function sessionCalls(context: CallContext) {
  return {
    OpenSession: guarded(
      context,
      'OpenSession',
      openSession,
      (status) => new t.TOpenSessionResp({ status, serverProtocolVersion: SERVER_PROTOCOL_VERSION }),
    ),
    CloseSession: guarded(
      context,
      'CloseSession',
      closeSession,
      (status) => new t.TCloseSessionResp({ status }),
    ),
    GetInfo: guarded(
      context,
      'GetInfo',
      getInfo,
      (status) => new t.TGetInfoResp({ status, infoValue: new t.TGetInfoValue({}) }),
    ),
    ExecuteStatement: guarded(
      context,
      'ExecuteStatement',
      executeStatement,
      (status) => new t.TExecuteStatementResp({ status }),
    ),
  };
}

/** The metadata calls, answered from the workspace's metastore. */
function metadataCalls(context: CallContext) {
  const O = t.TOperationType;
  const view = () => context.metastore();
  return {
    GetTypeInfo: metadata(context, 'GetTypeInfo', t.TGetTypeInfoResp, O.GET_TYPE_INFO, typeInfoResult),
    GetCatalogs: metadata(context, 'GetCatalogs', t.TGetCatalogsResp, O.GET_CATALOGS, () =>
      catalogsResult(view()),
    ),
    GetSchemas: metadata(context, 'GetSchemas', t.TGetSchemasResp, O.GET_SCHEMAS, (request: TGetSchemasReq) =>
      schemasResult(view(), { catalog: request.catalogName, schema: request.schemaName }),
    ),
    GetTables: metadata(context, 'GetTables', t.TGetTablesResp, O.GET_TABLES, (request: TGetTablesReq) =>
      tablesResult(
        view(),
        { catalog: request.catalogName, schema: request.schemaName, table: request.tableName },
        request.tableTypes,
      ),
    ),
    GetTableTypes: metadata(
      context,
      'GetTableTypes',
      t.TGetTableTypesResp,
      O.GET_TABLE_TYPES,
      tableTypesResult,
    ),
    GetColumns: metadata(context, 'GetColumns', t.TGetColumnsResp, O.GET_COLUMNS, (request: TGetColumnsReq) =>
      columnsResult(view(), {
        catalog: request.catalogName,
        schema: request.schemaName,
        table: request.tableName,
        column: request.columnName,
      }),
    ),
    GetFunctions: metadata(context, 'GetFunctions', t.TGetFunctionsResp, O.GET_FUNCTIONS, functionsResult),
    GetPrimaryKeys: metadata(context, 'GetPrimaryKeys', t.TGetPrimaryKeysResp, O.UNKNOWN, primaryKeysResult),
    GetCrossReference: metadata(
      context,
      'GetCrossReference',
      t.TGetCrossReferenceResp,
      O.UNKNOWN,
      crossReferenceResult,
    ),
  };
}

/** Operations and their results; delegation tokens, which this endpoint has no use for. */
function operationCalls(context: CallContext) {
  return {
    GetOperationStatus: guarded(
      context,
      'GetOperationStatus',
      getOperationStatus,
      (status) => new t.TGetOperationStatusResp({ status }),
    ),
    CancelOperation: guarded(
      context,
      'CancelOperation',
      cancelOperation,
      (status) => new t.TCancelOperationResp({ status }),
    ),
    CloseOperation: guarded(
      context,
      'CloseOperation',
      closeOperation,
      (status) => new t.TCloseOperationResp({ status }),
    ),
    GetResultSetMetadata: guarded(
      context,
      'GetResultSetMetadata',
      getResultSetMetadata,
      (status) => new t.TGetResultSetMetadataResp({ status }),
    ),
    FetchResults: guarded(
      context,
      'FetchResults',
      fetchResults,
      (status) => new t.TFetchResultsResp({ status }),
    ),
    GetDelegationToken: guarded(
      context,
      'GetDelegationToken',
      unsupported('GetDelegationToken'),
      (status) => new t.TGetDelegationTokenResp({ status }),
    ),
    CancelDelegationToken: guarded(
      context,
      'CancelDelegationToken',
      unsupported('CancelDelegationToken'),
      (status) => new t.TCancelDelegationTokenResp({ status }),
    ),
    RenewDelegationToken: guarded(
      context,
      'RenewDelegationToken',
      unsupported('RenewDelegationToken'),
      (status) => new t.TRenewDelegationTokenResp({ status }),
    ),
  };
}

/**
 * The TCLIService handler of one HTTP request: each call of the IDL, named as the processor
 * dispatches them. Sessions and operations persist in the endpoint between requests.
 */
export function tcliHandler(context: CallContext) {
  return { ...sessionCalls(context), ...metadataCalls(context), ...operationCalls(context) };
}
