import { constants, type ServerHttp2Stream } from 'node:http2';
import { DatabricksError } from '../errors/databricks-error.js';

/** The gRPC status codes the workspace host answers with itself (grpc/doc/statuscodes.md). */
export const GrpcStatus = {
  invalidArgument: 3,
  notFound: 5,
  permissionDenied: 7,
  failedPrecondition: 9,
  internal: 13,
  unavailable: 14,
  unauthenticated: 16,
} as const;
export type GrpcStatus = (typeof GrpcStatus)[keyof typeof GrpcStatus];

/** A refusal of a gRPC call by the workspace host, before any byte reaches a cluster. */
export class GrpcRefusal extends Error {
  constructor(
    readonly code: GrpcStatus,
    message: string,
  ) {
    super(message);
    this.name = 'GrpcRefusal';
  }
}

const BY_HTTP_STATUS: Readonly<Record<number, GrpcStatus>> = {
  400: GrpcStatus.invalidArgument,
  401: GrpcStatus.unauthenticated,
  403: GrpcStatus.permissionDenied,
  404: GrpcStatus.notFound,
  503: GrpcStatus.unavailable,
};

/** The gRPC form of what the REST API would have answered (auth and lookups share their code). */
export function grpcRefusalOf(error: unknown): GrpcRefusal {
  if (error instanceof GrpcRefusal) return error;
  if (error instanceof DatabricksError) {
    return new GrpcRefusal(BY_HTTP_STATUS[error.statusCode] ?? GrpcStatus.internal, error.message);
  }
  return new GrpcRefusal(GrpcStatus.internal, 'The workspace host failed to route the call');
}

/** grpc-message is percent-encoded (gRPC over HTTP/2: "Percent-Encoded"). */
export function encodeGrpcMessage(message: string): string {
  return encodeURIComponent(message);
}

/** Answers a call with a status and no messages: one HEADERS frame that ends the stream. */
export function respondTrailersOnly(stream: ServerHttp2Stream, refusal: GrpcRefusal): void {
  if (stream.destroyed || stream.closed) return;
  if (stream.headersSent) {
    stream.close(constants.NGHTTP2_INTERNAL_ERROR);
    return;
  }
  stream.respond(
    {
      ':status': 200,
      'content-type': 'application/grpc',
      'grpc-status': String(refusal.code),
      'grpc-message': encodeGrpcMessage(refusal.message),
    },
    { endStream: true },
  );
}
