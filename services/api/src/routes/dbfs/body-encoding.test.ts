import { describe, expect, it } from 'vitest';
import { DatabricksError } from '../../errors/databricks-error.js';
import { assertMaxBytes, decodeBase64, formToBody, isFormRequest, parseMultipart } from './body-encoding.js';

describe('decodeBase64', () => {
  it.each([
    ['aGVsbG8=', 'hello'],
    ['aGVsbG8', 'hello'],
    ['aGVs\nbG8=', 'hello'],
    ['', ''],
    ['_-8=', Buffer.from([0xff, 0xef]).toString('latin1')],
  ])('decodes %j', (encoded, decoded) => {
    expect(decodeBase64(encoded, 'contents').toString('latin1')).toBe(decoded);
  });

  it.each(['a', 'not base64!', 'aGVsbG8===', '=aGVs'])('rejects %j as INVALID_PARAMETER_VALUE', (encoded) => {
    expect(() => decodeBase64(encoded, 'contents')).toThrow(/The contents field is not valid base64/);
  });
});

describe('assertMaxBytes', () => {
  it('passes at the limit and fails over it with the given code', () => {
    expect(() => assertMaxBytes(10, 10, 'MAX_BLOCK_SIZE_EXCEEDED', 'The block')).not.toThrow();
    try {
      assertMaxBytes(11, 10, 'MAX_BLOCK_SIZE_EXCEEDED', 'The block');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DatabricksError);
      expect((error as DatabricksError).toJSON()).toEqual({
        error_code: 'MAX_BLOCK_SIZE_EXCEEDED',
        message: 'The block is 11 bytes, over the limit of 10 bytes',
      });
      expect((error as DatabricksError).statusCode).toBe(400);
    }
  });
});

function form(boundary: string, parts: string[]): Buffer {
  return Buffer.from(
    `${parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('')}--${boundary}--\r\n`,
    'latin1',
  );
}

describe('multipart/form-data', () => {
  const boundary = 'XyZ123';
  const contentType = `multipart/form-data; boundary=${boundary}`;

  it('reads fields and files the way the CLI and the SDK send them', () => {
    const body = form(boundary, [
      'Content-Disposition: form-data; name="path"\r\n\r\n/tmp/a b.txt',
      'Content-Disposition: form-data; name="overwrite"\r\n\r\nTrue',
      'Content-Disposition: form-data; name="contents"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\nline1\r\nline2',
    ]);
    const parts = parseMultipart(body, contentType);
    expect(parts.map((part) => [part.name, part.filename, part.data.toString()])).toEqual([
      ['path', undefined, '/tmp/a b.txt'],
      ['overwrite', undefined, 'True'],
      ['contents', '', 'line1\r\nline2'],
    ]);
    expect(formToBody(parts)).toEqual({
      path: '/tmp/a b.txt',
      overwrite: true,
      contents: Buffer.from('line1\r\nline2').toString('base64'),
    });
  });

  it('keeps binary file content intact, boundary-like bytes included', () => {
    const binary = Buffer.from([0, 1, 2, 0xff, 0x0d, 0x0a, 0x2d, 0x2d]);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="content"; filename="content"\r\n\r\n`,
      ),
      binary,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const [part] = parseMultipart(body, `multipart/form-data; boundary="${boundary}"`);
    expect(part?.data.equals(binary)).toBe(true);
  });

  it.each([
    ['no boundary parameter', 'multipart/form-data', form(boundary, [])],
    ['a body without the boundary', contentType, Buffer.from('nothing here')],
    [
      'an unterminated part',
      contentType,
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\nx`),
    ],
    ['a part without a name', contentType, form(boundary, ['Content-Disposition: form-data\r\n\r\nx'])],
  ])('rejects %s as MALFORMED_REQUEST', (_case, type, body) => {
    expect(() => parseMultipart(body, type)).toThrow(DatabricksError);
  });

  it('recognises form requests by content type', () => {
    expect(isFormRequest('multipart/form-data; boundary=x')).toBe(true);
    expect(isFormRequest('Multipart/Form-Data')).toBe(true);
    expect(isFormRequest('application/json')).toBe(false);
    expect(isFormRequest(undefined)).toBe(false);
  });
});
