import {
  type ClientHttp2Stream,
  constants,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from 'node:http2';
import type { ComputeCaller } from '@brickyard/common/compute-callers';
import { DriverPorts } from '@brickyard/common/driver-ports';
import type { Logger } from 'pino';
import { type CallerHeaders, ORG_ID_HEADER } from '../auth/caller.js';
import { firstGrpcMessage, GRPC_PREFIX_BYTES, sessionKeyOf } from './connect-session-key.js';
import type { ConnectSessionOwners } from './connect-session-owners.js';
import { DriverSessions } from './driver-sessions.js';
import { GrpcRefusal, GrpcStatus, grpcRefusalOf, respondTrailersOnly } from './grpc-status.js';

const CLUSTER_ID_HEADER = 'x-databricks-cluster-id';
const RELEASE_SESSION_PATH = '/spark.connect.SparkConnectService/ReleaseSession';

/**
 * Headers that stay at the workspace host: the caller's credentials never reach the cluster, and
 * connection-level headers are HTTP/2's own.
 */
const DROPPED_HEADERS = new Set([
  'authorization',
  'connection',
  'keep-alive',
  'host',
  'transfer-encoding',
  'upgrade',
]);

/** Where a call goes: the driver of the caller's cluster, and whom it is for. */
export interface CallTarget {
  driverAddress: string;
  caller: ComputeCaller;
}

/** Finds a call's target (auth, lookup and start of the cluster included). */
export type RouteCall = (headers: CallerHeaders, clusterId: string) => Promise<CallTarget>;

/** A gRPC call: HTTP/2 with a gRPC content type (Spark Connect is the only gRPC service served). */
export function isGrpcCall(request: { httpVersionMajor: number; headers: IncomingHttpHeaders }): boolean {
  const type = request.headers['content-type'];
  return request.httpVersionMajor === 2 && typeof type === 'string' && type.startsWith('application/grpc');
}

function firstValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}

function forwardedHeaders(headers: IncomingHttpHeaders, authority: string): OutgoingHttpHeaders {
  const forwarded: OutgoingHttpHeaders = {
    ':method': headers[':method'] ?? 'POST',
    ':path': headers[':path'] ?? '/',
    ':scheme': 'http',
    ':authority': authority,
  };
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(':') || DROPPED_HEADERS.has(name) || value === undefined) continue;
    forwarded[name] = value;
  }
  return forwarded;
}

function withoutPseudoHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith(':') && value !== undefined) kept[name] = value;
  }
  return kept;
}

/**
 * Reads a request up to the end of its first gRPC message, and pauses it there: what was read,
 * and whether the request ended.
 */
function readFirstMessage(request: Http2ServerRequest): Promise<{ head: Buffer; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let needed: number | undefined;
    const finish = (ended: boolean) => {
      request.off('data', onData).off('end', onEnd).off('error', onError);
      if (!ended) request.pause();
      resolve({ head: Buffer.concat(chunks), ended });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (needed === undefined && size >= GRPC_PREFIX_BYTES) {
        const prefix = Buffer.concat(chunks);
        needed = prefix[0] === 0 ? GRPC_PREFIX_BYTES + prefix.readUInt32BE(1) : GRPC_PREFIX_BYTES;
      }
      if (needed !== undefined && size >= needed) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = (error: Error) => {
      request.off('data', onData).off('end', onEnd).off('error', onError);
      reject(error);
    };
    request.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/**
 * Spark Connect through the workspace host, as Databricks Connect reaches a cluster: the call's
 * token is checked, `x-databricks-cluster-id` picks the cluster, the session the call is for is
 * made to act with its caller's grants (ConnectSessionOwners), and the call's frames are relayed
 * to that cluster driver's Spark Connect server (headers, messages, trailers, cancellation).
 */
export class SparkConnectProxy {
  private readonly sessions: DriverSessions;

  constructor(
    private readonly route: RouteCall,
    private readonly owners: ConnectSessionOwners,
    private readonly log: Logger,
  ) {
    this.sessions = new DriverSessions(log);
  }

  readonly handle = (request: Http2ServerRequest, response: Http2ServerResponse): void => {
    const { stream } = response;
    const clusterId = firstValue(request.headers[CLUSTER_ID_HEADER]);
    const caller = {
      authorization: firstValue(request.headers.authorization),
      orgId: firstValue(request.headers[ORG_ID_HEADER]),
    };
    const routed = clusterId
      ? this.route(caller, clusterId)
      : Promise.reject(
          new GrpcRefusal(GrpcStatus.invalidArgument, `The ${CLUSTER_ID_HEADER} header must name a cluster`),
        );
    routed
      .then(async (target) => {
        const first = await this.admit(request, target);
        this.relay(request, response, target.driverAddress, first);
      })
      .catch((error: unknown) => {
        const refusal = grpcRefusalOf(error);
        if (refusal.code === GrpcStatus.internal)
          this.log.error({ err: error, clusterId }, 'Routing a call failed');
        if (!stream.closed && !stream.destroyed && !stream.headersSent) respondTrailersOnly(stream, refusal);
      });
  };

  /**
   * Reads the call's first message and lets it through to the session it names: a session's
   * first call introduces it to its caller, a release forgets it. Answers what was read.
   */
  private async admit(
    request: Http2ServerRequest,
    { driverAddress, caller }: CallTarget,
  ): Promise<{ head: Buffer; ended: boolean }> {
    const first = await readFirstMessage(request);
    const message = firstGrpcMessage(first.head);
    if (message === 'unreadable') {
      throw new GrpcRefusal(
        GrpcStatus.invalidArgument,
        'Compressed Spark Connect requests are not supported',
      );
    }
    if (message === 'incomplete') return first;
    let key: ReturnType<typeof sessionKeyOf>;
    try {
      key = sessionKeyOf(message.message);
    } catch {
      throw new GrpcRefusal(GrpcStatus.invalidArgument, 'The request is not a Spark Connect message');
    }
    if (!key) return first;
    const address = `${driverAddress}:${DriverPorts.sparkConnect}`;
    if (request.headers[':path'] === RELEASE_SESSION_PATH) this.owners.forget(address, key, caller);
    else await this.owners.admit(address, key, caller);
    return first;
  }

  close(): void {
    this.sessions.closeAll();
  }

  private relay(
    request: Http2ServerRequest,
    response: Http2ServerResponse,
    driverAddress: string,
    first: { head: Buffer; ended: boolean },
  ): void {
    const { stream } = response;
    if (stream.closed || stream.destroyed) return;
    const authority = `${driverAddress}:${DriverPorts.sparkConnect}`;
    let upstream: ClientHttp2Stream;
    try {
      upstream = this.sessions
        .get(`http://${authority}`)
        .request(forwardedHeaders(request.headers, authority));
    } catch (error) {
      this.log.warn({ err: error, authority }, 'Could not open a call to the driver');
      respondTrailersOnly(
        stream,
        new GrpcRefusal(GrpcStatus.unavailable, 'The cluster driver cannot be reached'),
      );
      return;
    }
    if (first.ended) {
      upstream.end(first.head);
    } else {
      upstream.write(first.head);
      request.pipe(upstream);
    }

    upstream.on('response', (headers, flags) => {
      // The client has gone, or was already answered (the driver failed first).
      if (stream.closed || stream.destroyed || stream.headersSent) return;
      const ended = (flags & constants.NGHTTP2_FLAG_END_STREAM) !== 0;
      stream.respond(withoutPseudoHeaders(headers), ended ? { endStream: true } : { waitForTrailers: true });
      if (!ended) upstream.pipe(stream);
    });
    // The compatibility response sends what addTrailers gathered once the stream asks for trailers.
    upstream.on('trailers', (headers) => response.addTrailers(withoutPseudoHeaders(headers)));
    upstream.on('error', (error) => {
      this.log.debug({ err: error, authority }, 'A call to the driver failed');
      if (!stream.headersSent) {
        respondTrailersOnly(
          stream,
          new GrpcRefusal(GrpcStatus.unavailable, 'The cluster driver cannot be reached'),
        );
      } else if (!stream.closed) {
        stream.close(constants.NGHTTP2_INTERNAL_ERROR);
      }
    });
    upstream.on('close', () => {
      const code = upstream.rstCode ?? constants.NGHTTP2_NO_ERROR;
      if (code !== constants.NGHTTP2_NO_ERROR && !stream.closed) stream.close(code);
    });
    // The client went away (cancelled, or its connection dropped): so does the call on the driver.
    stream.on('close', () => {
      if (!upstream.closed) upstream.close(constants.NGHTTP2_CANCEL);
    });
  }
}
