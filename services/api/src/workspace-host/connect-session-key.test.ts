import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { firstGrpcMessage, sessionKeyOf } from './connect-session-key.js';

/** A request as Spark Connect clients encode it: session_id (1), user_context (2), then others. */
function request(fields: { sessionId?: string; userId?: string; extra?: boolean }): Uint8Array {
  const writer = protobuf.Writer.create();
  if (fields.extra) writer.uint32((9 << 3) | 2).string('pyspark 4.2');
  if (fields.sessionId !== undefined) writer.uint32((1 << 3) | 2).string(fields.sessionId);
  if (fields.userId !== undefined) {
    const context = protobuf.Writer.create()
      .uint32((1 << 3) | 2)
      .string(fields.userId);
    context.uint32((2 << 3) | 2).string('display name');
    writer.uint32((2 << 3) | 2).bytes(context.finish());
  }
  if (fields.extra) writer.uint32((7 << 3) | 0).uint32(42);
  return writer.finish();
}

function framed(message: Uint8Array, compressed = false): Buffer {
  const prefix = Buffer.alloc(5);
  prefix[0] = compressed ? 1 : 0;
  prefix.writeUInt32BE(message.length, 1);
  return Buffer.concat([prefix, message]);
}

describe('the session a Spark Connect request is for', () => {
  it('is its session id and user id, whatever other fields come around them', () => {
    expect(sessionKeyOf(request({ sessionId: 's-1', userId: 'ada', extra: true }))).toEqual({
      sessionId: 's-1',
      userId: 'ada',
    });
  });

  it('has an empty user id when the request has no user context', () => {
    expect(sessionKeyOf(request({ sessionId: 's-1' }))).toEqual({ sessionId: 's-1', userId: '' });
  });

  it('is none for a request without a session id', () => {
    expect(sessionKeyOf(request({ userId: 'ada', extra: true }))).toBeUndefined();
  });

  it('is refused for bytes that are not protobuf', () => {
    expect(() => sessionKeyOf(Uint8Array.from([0x0a, 0x50, 0x61]))).toThrow();
  });
});

describe('the first gRPC message of a request body', () => {
  const message = request({ sessionId: 's-1', userId: 'ada' });

  it('is complete once its prefix and all its bytes arrived, whatever follows', () => {
    const body = Buffer.concat([framed(message), framed(message)]);
    expect(firstGrpcMessage(body)).toEqual({ message: Buffer.from(message) });
  });

  it('is incomplete before then', () => {
    expect(firstGrpcMessage(framed(message).subarray(0, 3))).toBe('incomplete');
    expect(firstGrpcMessage(framed(message).subarray(0, 9))).toBe('incomplete');
  });

  it('is unreadable when compressed', () => {
    expect(firstGrpcMessage(framed(message, true))).toBe('unreadable');
  });
});
