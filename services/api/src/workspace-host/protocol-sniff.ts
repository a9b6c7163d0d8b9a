/**
 * Which server a new connection belongs to, from its first bytes: TLS (a handshake record, byte
 * 0x16), HTTP/2 without TLS (the client preface "PRI * HTTP/2.0", as gRPC sends to `localhost`),
 * or HTTP/1.1. Undecided until enough bytes have come.
 */
export type ConnectionProtocol = 'tls' | 'h2c' | 'http1';

const TLS_HANDSHAKE = 0x16;
const H2_PREFACE_START = Buffer.from('PRI ');

/** Whether an address is the host's own: 127.0.0.0/8 (pods here have such addresses too) or ::1. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}

export function sniffProtocol(head: Buffer): ConnectionProtocol | undefined {
  if (head.length === 0) return undefined;
  if (head[0] === TLS_HANDSHAKE) return 'tls';
  const compared = Math.min(head.length, H2_PREFACE_START.length);
  if (head.subarray(0, compared).equals(H2_PREFACE_START.subarray(0, compared))) {
    return head.length >= H2_PREFACE_START.length ? 'h2c' : undefined;
  }
  return 'http1';
}
