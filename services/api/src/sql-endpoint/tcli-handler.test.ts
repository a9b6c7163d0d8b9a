import type { FastifyBaseLogger } from 'fastify';
import { Int64, TBinaryProtocol, TBufferedTransport, Thrift } from 'thrift';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from './call-context.js';
import type { MetastoreView } from './metadata-results.js';
import { SqlEndpoint } from './sql-endpoint.js';
import { ttypes } from './tcli.js';
import { tcliHandler } from './tcli-handler.js';
import { exchange } from './thrift-exchange.js';

/**
 * The Thrift layer end to end without Spark: calls encoded as a client encodes them, through the
 * generated processor and the handler, and the replies decoded as a client decodes them.
 */

interface Writable {
  write(output: TBinaryProtocol): void;
}
interface Readable {
  read(input: TBinaryProtocol): void;
}

function callBytes(name: string, request: object): Buffer {
  let bytes: Buffer = Buffer.alloc(0);
  const protocol = new TBinaryProtocol(
    new TBufferedTransport(undefined, (message) => (bytes = message ?? bytes)),
  );
  protocol.writeMessageBegin(name, Thrift.MessageType.CALL, 7);
  protocol.writeStructBegin('args');
  protocol.writeFieldBegin('req', Thrift.Type.STRUCT, 1);
  (request as Writable).write(protocol);
  protocol.writeFieldEnd();
  protocol.writeFieldStop();
  protocol.writeStructEnd();
  protocol.writeMessageEnd();
  protocol.flush();
  return bytes;
}

function replyOf<Response extends object>(bytes: Buffer, response: Response): Response {
  let input: TBufferedTransport | undefined;
  TBufferedTransport.receiver((transport) => {
    input = transport;
  }, 0)(bytes);
  const protocol = new TBinaryProtocol(input as TBufferedTransport);
  const message = protocol.readMessageBegin();
  if (message.mtype === Thrift.MessageType.EXCEPTION) {
    const exception = new Thrift.TApplicationException();
    exception.read(protocol);
    throw exception;
  }
  protocol.readStructBegin();
  const field = protocol.readFieldBegin();
  expect(field.fid).toBe(0);
  (response as Readable).read(protocol);
  return response;
}

const metastore: MetastoreView = {
  catalogs: () => [{ name: 'main', schemas: () => [{ name: 'default', tables: () => [] }] }],
};
const log = { error: () => {}, debug: () => {} } as unknown as FastifyBaseLogger;
/** No statement reaches Spark here (there is no engine), so no caller credential is minted. */
const computeCallers = { mint: () => Promise.reject(new Error('no Spark session is opened here')) };
let endpoint = new SqlEndpoint(undefined, computeCallers, log);

function contextFor(userName: string, computeKey = 'warehouse/abc'): CallContext {
  return {
    endpoint,
    owner: { workspaceId: 1, userName, computeKey },
    compute: { key: computeKey, driverAddress: async () => 'driver:15002', markActive: () => {} },
    metastore: () => metastore,
    log,
  };
}

async function call<Response extends object>(
  context: CallContext,
  name: string,
  request: object,
  response: Response,
): Promise<Response> {
  return replyOf(await exchange(callBytes(name, request), tcliHandler(context)), response);
}

async function openSession(context: CallContext) {
  const opened = await call(
    context,
    'OpenSession',
    new ttypes.TOpenSessionReq({}),
    new ttypes.TOpenSessionResp(),
  );
  return opened.sessionHandle as InstanceType<typeof ttypes.TSessionHandle>;
}

afterEach(() => {
  endpoint.stop();
  endpoint = new SqlEndpoint(undefined, computeCallers, log);
});

describe('the TCLIService handler', () => {
  it('opens a session at protocol V8, with a handle of a UUID and a secret', async () => {
    const context = contextFor('ada@example.com');
    const opened = await call(
      context,
      'OpenSession',
      new ttypes.TOpenSessionReq({
        client_protocol: ttypes.TProtocolVersion.SPARK_CLI_SERVICE_PROTOCOL_V7,
        initialNamespace: new ttypes.TNamespace({ catalogName: 'main', schemaName: 'default' }),
      }),
      new ttypes.TOpenSessionResp(),
    );
    expect(opened.status.statusCode).toBe(ttypes.TStatusCode.SUCCESS_STATUS);
    expect(opened.serverProtocolVersion).toBe(ttypes.TProtocolVersion.SPARK_CLI_SERVICE_PROTOCOL_V8);
    expect(opened.canUseMultipleCatalogs).toBe(true);
    expect(opened.sessionHandle?.sessionId.guid).toHaveLength(16);
    expect(opened.sessionHandle?.sessionId.secret).toHaveLength(16);
    expect(endpoint.sessions.size).toBe(1);
  });

  it('refuses a session configuration a warehouse does not know', async () => {
    const opened = await call(
      contextFor('ada@example.com'),
      'OpenSession',
      new ttypes.TOpenSessionReq({ configuration: { not_a_setting: '1' } }),
      new ttypes.TOpenSessionResp(),
    );
    expect(opened.status.statusCode).toBe(ttypes.TStatusCode.ERROR_STATUS);
    expect(opened.status.errorMessage).toContain('CONFIG_NOT_AVAILABLE');
  });

  it('answers a metadata call with direct results, and closes the operation they hold whole', async () => {
    const context = contextFor('ada@example.com');
    const sessionHandle = await openSession(context);
    const catalogs = await call(
      context,
      'GetCatalogs',
      new ttypes.TGetCatalogsReq({
        sessionHandle,
        getDirectResults: new ttypes.TSparkGetDirectResults({ maxRows: new Int64(100) }),
      }),
      new ttypes.TGetCatalogsResp(),
    );
    const direct = catalogs.directResults;
    expect(direct?.operationStatus?.operationState).toBe(ttypes.TOperationState.FINISHED_STATE);
    expect(direct?.resultSetMetadata?.resultFormat).toBe(ttypes.TSparkRowSetType.COLUMN_BASED_SET);
    expect(direct?.resultSetMetadata?.schema?.columns.map((column) => column.columnName)).toEqual([
      'TABLE_CAT',
    ]);
    expect(direct?.resultSet?.results?.columns?.[0]?.stringVal?.values).toEqual(['main']);
    expect(direct?.resultSet?.hasMoreRows).toBe(false);
    expect(direct?.closeOperation?.status.statusCode).toBe(ttypes.TStatusCode.SUCCESS_STATUS);
  });

  it('pages a metadata result through FetchResults when no direct results are asked for', async () => {
    const context = contextFor('ada@example.com');
    const sessionHandle = await openSession(context);
    const types = await call(
      context,
      'GetTableTypes',
      new ttypes.TGetTableTypesReq({ sessionHandle }),
      new ttypes.TGetTableTypesResp(),
    );
    const operationHandle = types.operationHandle as InstanceType<typeof ttypes.TOperationHandle>;
    const fetched = await call(
      context,
      'FetchResults',
      new ttypes.TFetchResultsReq({
        operationHandle,
        orientation: ttypes.TFetchOrientation.FETCH_NEXT,
        maxRows: new Int64(1),
        includeResultSetMetadata: true,
      }),
      new ttypes.TFetchResultsResp(),
    );
    expect(fetched.results?.columns?.[0]?.stringVal?.values).toEqual(['TABLE']);
    expect(fetched.hasMoreRows).toBe(true);
    expect(fetched.resultSetMetadata?.resultFormat).toBe(ttypes.TSparkRowSetType.COLUMN_BASED_SET);
    const closed = await call(
      context,
      'CloseOperation',
      new ttypes.TCloseOperationReq({ operationHandle }),
      new ttypes.TCloseOperationResp(),
    );
    expect(closed.status.statusCode).toBe(ttypes.TStatusCode.SUCCESS_STATUS);
  });

  it('does not let another user, or another warehouse, use a session', async () => {
    const sessionHandle = await openSession(contextFor('ada@example.com'));
    for (const stranger of [
      contextFor('eve@example.com'),
      contextFor('ada@example.com', 'warehouse/other'),
    ]) {
      const answer = await call(
        stranger,
        'GetCatalogs',
        new ttypes.TGetCatalogsReq({ sessionHandle }),
        new ttypes.TGetCatalogsResp(),
      );
      expect(answer.status.statusCode).toBe(ttypes.TStatusCode.INVALID_HANDLE_STATUS);
      expect(answer.status.errorMessage).toMatch(/^Invalid SessionHandle/);
    }
  });

  it('answers a statement with the error of an engine that is not set up', async () => {
    const context = contextFor('ada@example.com');
    const sessionHandle = await openSession(context);
    const executed = await call(
      context,
      'ExecuteStatement',
      new ttypes.TExecuteStatementReq({ sessionHandle, statement: 'SELECT 1' }),
      new ttypes.TExecuteStatementResp(),
    );
    expect(executed.status.statusCode).toBe(ttypes.TStatusCode.ERROR_STATUS);
    expect(executed.status.errorMessage).toContain('BRICKYARD_SPARK_CONNECT_PROTOS');
  });

  it('closes a session, whose handle is invalid from then on', async () => {
    const context = contextFor('ada@example.com');
    const sessionHandle = await openSession(context);
    const request = new ttypes.TCloseSessionReq({ sessionHandle });
    const closed = await call(context, 'CloseSession', request, new ttypes.TCloseSessionResp());
    expect(closed.status.statusCode).toBe(ttypes.TStatusCode.SUCCESS_STATUS);
    const again = await call(context, 'CloseSession', request, new ttypes.TCloseSessionResp());
    expect(again.status.statusCode).toBe(ttypes.TStatusCode.INVALID_HANDLE_STATUS);
  });

  it('answers an unknown call with an application exception, and refuses a body that is no call', async () => {
    const context = contextFor('ada@example.com');
    await expect(
      call(context, 'NoSuchCall', new ttypes.TOpenSessionReq({}), new ttypes.TOpenSessionResp()),
    ).rejects.toThrow('Unknown function NoSuchCall');
    await expect(exchange(Buffer.from('{"json": true}'), tcliHandler(context))).rejects.toThrow();
    await expect(exchange(Buffer.alloc(0), tcliHandler(context))).rejects.toThrow();
    const truncated = callBytes('OpenSession', new ttypes.TOpenSessionReq({ configuration: { a: 'b' } }));
    await expect(
      exchange(truncated.subarray(0, truncated.length - 4), tcliHandler(context)),
    ).rejects.toThrow();
  });
});
