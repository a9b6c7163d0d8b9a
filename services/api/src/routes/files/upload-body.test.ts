import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { assertUploadLength, uploadChunks } from './upload-body.js';

async function collect(body: unknown): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of uploadChunks(body)) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

describe('uploadChunks', () => {
  it('passes the body through chunk by chunk; no body is an empty file', async () => {
    expect(await collect(Readable.from([Buffer.from('ab'), Buffer.from('c')]))).toBe('abc');
    expect(await collect(undefined)).toBe('');
  });

  it('turns a body cut short into 400 MALFORMED_REQUEST', async () => {
    const cut = new Readable({
      read() {
        this.push(Buffer.from('partial'));
        this.destroy(new Error('aborted'));
      },
    });
    await expect(collect(cut)).rejects.toMatchObject({ statusCode: 400, errorCode: 'MALFORMED_REQUEST' });
  });
});

describe('assertUploadLength', () => {
  it('refuses a declared length over 5 GiB with 413', () => {
    expect(() => assertUploadLength(String(5 * 1024 ** 3))).not.toThrow();
    expect(() => assertUploadLength(undefined)).not.toThrow();
    expect(() => assertUploadLength(String(5 * 1024 ** 3 + 1))).toThrow(/at most 5368709120 bytes/);
  });
});
