import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { answerClientError } from './client-errors.js';

function answerTo(code: string): string {
  const socket = new PassThrough();
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  answerClientError(Object.assign(new Error('parse error'), { code }), socket);
  return Buffer.concat(chunks).toString('utf8');
}

describe('answerClientError', () => {
  it('answers headers above the limit 431 in the Databricks form', () => {
    const answer = answerTo('HPE_HEADER_OVERFLOW');
    expect(answer).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(JSON.parse(answer.split('\r\n\r\n')[1] ?? '')).toMatchObject({ error_code: 'BAD_REQUEST' });
  });

  it('answers any other unparsable request 400 MALFORMED_REQUEST', () => {
    const answer = answerTo('HPE_INVALID_METHOD');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain('"error_code":"MALFORMED_REQUEST"');
  });
});
