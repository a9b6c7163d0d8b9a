import protobuf from 'protobufjs';

/**
 * Which Spark Connect session a call is for. Every request message of SparkConnectService
 * (spark/connect/base.proto) starts with the same two fields: `session_id` (1) and `user_context`
 * (2), whose `user_id` (1) is the other half of the server's key of a session.
 */
export interface ConnectSessionKey {
  sessionId: string;
  userId: string;
}

const LENGTH_DELIMITED = 2;
/** A gRPC message: a compressed flag byte and a 4-byte big-endian length, then the message. */
export const GRPC_PREFIX_BYTES = 5;

/** The user_id of a UserContext message. */
function userIdOf(bytes: Uint8Array): string {
  const reader = protobuf.Reader.create(bytes);
  let userId = '';
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 1 && (tag & 7) === LENGTH_DELIMITED) userId = reader.string();
    else reader.skipType(tag & 7);
  }
  return userId;
}

/**
 * The session key of a request message, or undefined for one that names no session (or that is
 * not a Spark Connect request at all). Throws on bytes that are not protobuf.
 */
export function sessionKeyOf(message: Uint8Array): ConnectSessionKey | undefined {
  const reader = protobuf.Reader.create(message);
  let sessionId = '';
  let userId = '';
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    if (field === 1 && (tag & 7) === LENGTH_DELIMITED) sessionId = reader.string();
    else if (field === 2 && (tag & 7) === LENGTH_DELIMITED) userId = userIdOf(reader.bytes());
    else reader.skipType(tag & 7);
  }
  return sessionId ? { sessionId, userId } : undefined;
}

/**
 * The first message of a gRPC request body: 'incomplete' while `received` does not hold all of
 * it yet, 'unreadable' when it is compressed.
 */
export function firstGrpcMessage(received: Buffer): { message: Buffer } | 'incomplete' | 'unreadable' {
  if (received.length < GRPC_PREFIX_BYTES) return 'incomplete';
  if (received[0] !== 0) return 'unreadable';
  const length = received.readUInt32BE(1);
  if (received.length < GRPC_PREFIX_BYTES + length) return 'incomplete';
  return { message: received.subarray(GRPC_PREFIX_BYTES, GRPC_PREFIX_BYTES + length) };
}
