/**
 * The little of the protobuf wire format and gRPC framing that the Spark Connect readiness probe
 * needs: writing string and message fields, reading length-delimited fields back.
 */

const LENGTH_DELIMITED = 2;

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** A length-delimited field: a string (UTF-8) or an embedded message's bytes. */
export function field(number: number, value: string | Buffer): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return Buffer.concat([varint((number << 3) | LENGTH_DELIMITED), varint(bytes.length), bytes]);
}

function readVarint(buffer: Buffer, start: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let index = start; index < buffer.length; index++) {
    const byte = buffer[index] as number;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return { value, next: index + 1 };
  }
  throw new Error('truncated varint');
}

/** The length-delimited fields of a message by number (the last one wins); other types are skipped. */
export function readFields(message: Buffer): Map<number, Buffer> {
  const fields = new Map<number, Buffer>();
  let offset = 0;
  while (offset < message.length) {
    const tag = readVarint(message, offset);
    const number = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    offset = tag.next;
    if (wireType === 0) offset = readVarint(message, offset).next;
    else if (wireType === 1) offset += 8;
    else if (wireType === 5) offset += 4;
    else if (wireType === LENGTH_DELIMITED) {
      const length = readVarint(message, offset);
      const end = length.next + length.value;
      if (end > message.length) throw new Error('truncated field');
      fields.set(number, message.subarray(length.next, end));
      offset = end;
    } else throw new Error(`unsupported wire type ${wireType}`);
  }
  return fields;
}

/** A gRPC message on the wire: not compressed, its length in 4 bytes, big-endian. */
export function grpcFrame(message: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

/** The first message of a gRPC response body. */
export function firstGrpcMessage(body: Buffer): Buffer {
  if (body.length < 5) throw new Error('no gRPC message in the response');
  if (body[0] !== 0) throw new Error('compressed gRPC message');
  const length = body.readUInt32BE(1);
  if (body.length < 5 + length) throw new Error('truncated gRPC message');
  return body.subarray(5, 5 + length);
}
