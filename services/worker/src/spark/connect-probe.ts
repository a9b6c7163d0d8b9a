import { connect } from 'node:http2';
import { field, firstGrpcMessage, grpcFrame, readFields } from './protobuf-wire.js';

/**
 * Whether the Spark Connect server serves sessions, asked as a client would: an AnalyzePlan call
 * for the Spark version, which opens (or reuses) the session `sessionId`. Reusing one session id
 * per runtime keeps repeated probes from piling up sessions on the server.
 */

const ANALYZE_PLAN = '/spark.connect.SparkConnectService/AnalyzePlan';
/** Field numbers in spark/connect/base.proto. */
const REQUEST = { sessionId: 1, userContext: 2, clientType: 3, sparkVersion: 10 } as const;
const USER_CONTEXT = { userId: 1 } as const;
const RESPONSE = { sparkVersion: 8 } as const;
const SPARK_VERSION = { version: 1 } as const;

export function sparkVersionRequest(sessionId: string): Buffer {
  return Buffer.concat([
    field(REQUEST.sessionId, sessionId),
    field(REQUEST.userContext, field(USER_CONTEXT.userId, 'brickyard-runtime')),
    field(REQUEST.clientType, 'brickyard-readiness-probe'),
    field(REQUEST.sparkVersion, Buffer.alloc(0)),
  ]);
}

export function sparkVersionOf(response: Buffer): string {
  const version = readFields(response).get(RESPONSE.sparkVersion);
  const text = version && readFields(version).get(SPARK_VERSION.version)?.toString('utf8');
  if (!text) throw new Error('the AnalyzePlan response has no Spark version');
  return text;
}

/** Resolves with the server's Spark version; rejects with why it did not answer. */
export function probeConnect(target: { host: string; port: number; sessionId: string; timeoutMs: number }) {
  return new Promise<string>((resolve, reject) => {
    const session = connect(`http://${target.host}:${target.port}`);
    const settle = (error: Error | undefined, version?: string) => {
      clearTimeout(timer);
      session.destroy();
      if (error) reject(error);
      else resolve(version ?? '');
    };
    const timer = setTimeout(() => settle(new Error('no answer in time')), target.timeoutMs);
    session.on('error', (error) => settle(error));
    const stream = session.request({
      ':method': 'POST',
      ':path': ANALYZE_PLAN,
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    const chunks: Buffer[] = [];
    // A failed call may come as headers only; a successful one ends with trailers.
    let status: { code?: string; message?: string } = {};
    const note = (headers: Record<string, unknown>) => {
      if (headers['grpc-status'] !== undefined) {
        status = { code: String(headers['grpc-status']), message: String(headers['grpc-message'] ?? '') };
      }
    };
    stream.on('response', note);
    stream.on('trailers', note);
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', (error) => settle(error));
    stream.on('end', () => {
      if (status.code !== '0') {
        settle(new Error(`gRPC status ${status.code ?? 'missing'}: ${status.message ?? ''}`));
        return;
      }
      try {
        settle(undefined, sparkVersionOf(firstGrpcMessage(Buffer.concat(chunks))));
      } catch (error) {
        settle(error as Error);
      }
    });
    stream.end(grpcFrame(sparkVersionRequest(target.sessionId)));
  });
}
