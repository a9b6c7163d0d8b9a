import { describe, expect, it } from 'vitest';
import { multipartFields, urlEncodedFields } from './form-bodies.js';

describe('urlEncodedFields', () => {
  it.each([
    ['plain fields', 'clusterId=0101-abc&language=python', { clusterId: '0101-abc', language: 'python' }],
    ['encoded code', 'command=print(1%2B1)%0Ax+%3D+2', { command: 'print(1+1)\nx = 2' }],
    ['a field sent twice', 'language=sql&language=python', { language: 'python' }],
    ['an empty body', '', {}],
    ['JSON posted as a form (curl -d)', ' {"clusterId": "0101-abc"}', { clusterId: '0101-abc' }],
  ])('reads %s', (_name, text, fields) => {
    expect(urlEncodedFields(text)).toEqual(fields);
  });

  it('refuses JSON posted as a form that does not parse with 400 MALFORMED_REQUEST', () => {
    expect(() => urlEncodedFields('{"clusterId": ')).toThrow(
      expect.objectContaining({ statusCode: 400, errorCode: 'MALFORMED_REQUEST' }),
    );
  });
});

describe('multipartFields', () => {
  it('reads fields and a command file as text', () => {
    const parts = [
      { name: 'clusterId', filename: undefined, data: Buffer.from('0101-abc') },
      { name: 'command', filename: 'job.py', data: Buffer.from('print("héllo")\n') },
    ];
    expect(multipartFields(parts)).toEqual({ clusterId: '0101-abc', command: 'print("héllo")\n' });
  });
});
