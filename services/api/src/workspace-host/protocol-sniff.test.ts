import { describe, expect, it } from 'vitest';
import { isLoopback, sniffProtocol } from './protocol-sniff.js';

describe('sniffProtocol', () => {
  it.each([
    ['a TLS ClientHello', Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00]), 'tls'],
    ['the HTTP/2 client preface', Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), 'h2c'],
    ['an HTTP/1.1 GET', Buffer.from('GET /api/2.1/clusters/list HTTP/1.1\r\n'), 'http1'],
    ['an HTTP/1.1 POST', Buffer.from('POST /api/2.1/jobs/create HTTP/1.1\r\n'), 'http1'],
    ['an HTTP/1.1 PUT', Buffer.from('PUT /x HTTP/1.1\r\n'), 'http1'],
    ['a P that could still be the preface', Buffer.from('P'), undefined],
    ['PRI without its space yet', Buffer.from('PRI'), undefined],
    ['nothing yet', Buffer.alloc(0), undefined],
  ])('classifies %s', (_name, head, expected) => {
    expect(sniffProtocol(head)).toBe(expected);
  });
});

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.32.0.9', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.5', false],
    ['::ffff:10.0.0.5', false],
    ['fe80::1', false],
    [undefined, false],
  ])('%s is loopback: %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });
});
