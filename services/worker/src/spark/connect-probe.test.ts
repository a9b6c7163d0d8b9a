import { describe, expect, it } from 'vitest';
import { sparkVersionOf, sparkVersionRequest } from './connect-probe.js';
import { field, firstGrpcMessage, grpcFrame, readFields } from './protobuf-wire.js';

const SESSION = '2f7a3c4e-1b2d-4c5e-8f9a-0b1c2d3e4f50';

describe('the Spark Connect readiness probe’s messages', () => {
  it('asks for the Spark version in the probe’s own session, as AnalyzePlanRequest', () => {
    const request = readFields(sparkVersionRequest(SESSION));
    expect(request.get(1)?.toString()).toBe(SESSION);
    expect(
      readFields(request.get(2) ?? Buffer.alloc(0))
        .get(1)
        ?.toString(),
    ).toBe('brickyard-runtime');
    expect(request.get(3)?.toString()).toBe('brickyard-readiness-probe');
    expect(request.get(10)).toEqual(Buffer.alloc(0));
  });

  it('reads the version from an AnalyzePlanResponse (as protobuf encodes it)', () => {
    // AnalyzePlanResponse(session_id='x', spark_version={version: '4.2.0'}), by pyspark's protobuf.
    expect(sparkVersionOf(Buffer.from('0a017842070a05342e322e30', 'hex'))).toBe('4.2.0');
  });

  it('refuses a response without a version', () => {
    expect(() => sparkVersionOf(field(1, 'x'))).toThrow(/no Spark version/);
  });
});

describe('the protobuf wire format and gRPC framing', () => {
  it.each([
    ['a short string', 'abc'],
    ['a string longer than 127 bytes (a two-byte length)', 'x'.repeat(300)],
  ])('reads back %s', (_case, text) => {
    expect(readFields(field(7, text)).get(7)?.toString()).toBe(text);
  });

  it('skips varint and fixed-width fields it does not need', () => {
    // field 1 varint 150, field 2 fixed64, field 3 fixed32, then field 4 'ok'
    const message = Buffer.concat([
      Buffer.from([0x08, 0x96, 0x01, 0x11, 1, 2, 3, 4, 5, 6, 7, 8, 0x1d, 1, 2, 3, 4]),
      field(4, 'ok'),
    ]);
    expect([...readFields(message).keys()]).toEqual([4]);
  });

  it.each([
    ['a truncated field', Buffer.from([0x0a, 0x05, 0x61])],
    ['a group (wire type 3)', Buffer.from([0x0b])],
  ])('refuses %s', (_case, message) => {
    expect(() => readFields(message)).toThrow();
  });

  it('frames a message and reads the first one back', () => {
    const message = field(1, 'hello');
    const framed = grpcFrame(message);
    expect(framed.subarray(0, 5)).toEqual(Buffer.from([0, 0, 0, 0, message.length]));
    expect(firstGrpcMessage(framed)).toEqual(message);
  });

  it.each([
    ['an empty body', Buffer.alloc(0)],
    ['a compressed message', Buffer.from([1, 0, 0, 0, 0])],
    ['a truncated message', Buffer.from([0, 0, 0, 0, 9, 1])],
  ])('refuses %s', (_case, body) => {
    expect(() => firstGrpcMessage(body)).toThrow();
  });
});
