import type {
  TCloseSessionReq,
  TCloseSessionResp,
  TGetInfoReq,
  TGetInfoResp,
  TOpenSessionReq,
  TOpenSessionResp,
} from '@databricks/sql/thrift/TCLIService_types.js';
import type { CallContext } from './call-context.js';
import { thriftIdentifier } from './responses.js';
import { sparkSettingsOf } from './session-conf.js';
import { ttypes } from './tcli.js';
import { successStatus, TcliError } from './tcli-status.js';
import { ThriftSession } from './thrift-session.js';

/**
 * The protocol version this endpoint answers, whatever the client's: V8 is the first with native
 * parameters, which the Python connector uses only when the server answers at least V8 (though it
 * asks for V7). Every newer field of the IDL this endpoint does not serve is optional.
 */
export const SERVER_PROTOCOL_VERSION = ttypes.TProtocolVersion.SPARK_CLI_SERVICE_PROTOCOL_V8;

const SERVER_NAME = 'Spark SQL';

export async function openSession(context: CallContext, request: TOpenSessionReq): Promise<TOpenSessionResp> {
  const settings = {
    catalog: request.initialNamespace?.catalogName || undefined,
    schema: request.initialNamespace?.schemaName || undefined,
    sparkSettings: sparkSettingsOf(request.configuration),
    callerCluster: context.compute.callerCluster,
  };
  const session = new ThriftSession(context.owner, settings, context.log);
  context.endpoint.sessions.open(session);
  return new ttypes.TOpenSessionResp({
    status: successStatus(),
    serverProtocolVersion: SERVER_PROTOCOL_VERSION,
    sessionHandle: new ttypes.TSessionHandle({ sessionId: thriftIdentifier(session.handle) }),
    configuration: {},
    canUseMultipleCatalogs: true,
    ...(request.initialNamespace && { initialNamespace: request.initialNamespace }),
  });
}

export async function closeSession(
  context: CallContext,
  request: TCloseSessionReq,
): Promise<TCloseSessionResp> {
  const { sessions } = context.endpoint;
  sessions.closeSession(sessions.session(request.sessionHandle?.sessionId, context.owner));
  return new ttypes.TCloseSessionResp({ status: successStatus() });
}

/** The server's and the DBMS's names, the only infos the SQL connectors and JDBC ask at connect. */
export async function getInfo(context: CallContext, request: TGetInfoReq): Promise<TGetInfoResp> {
  context.endpoint.sessions.session(request.sessionHandle?.sessionId, context.owner);
  const { CLI_SERVER_NAME, CLI_DBMS_NAME } = ttypes.TGetInfoType;
  if (request.infoType !== CLI_SERVER_NAME && request.infoType !== CLI_DBMS_NAME) {
    throw new TcliError(`Unrecognized GetInfoType value: ${request.infoType}`);
  }
  return new ttypes.TGetInfoResp({
    status: successStatus(),
    infoValue: new ttypes.TGetInfoValue({ stringValue: SERVER_NAME }),
  });
}
