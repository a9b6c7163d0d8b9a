import { describe, expect, it } from 'vitest';
import { encodedValue, MAX_VALUE_BYTES } from './secret-values.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe("a put's value", () => {
  it('is the UTF-8 bytes of string_value, base64', () => {
    expect(encodedValue({ string_value: 'pä$$' })).toBe(b64('pä$$'));
  });

  it('is bytes_value as given', () => {
    expect(encodedValue({ bytes_value: b64('\u0000\u0001raw') })).toBe(b64('\u0000\u0001raw'));
  });

  it('may be empty', () => {
    expect(encodedValue({ string_value: '' })).toBe('');
  });

  it.each<[string, Parameters<typeof encodedValue>[0], string, RegExp]>([
    ['neither value', {}, 'INVALID_PARAMETER_VALUE', /One of string_value and bytes_value/],
    ['both values', { string_value: 'a', bytes_value: b64('a') }, 'MALFORMED_REQUEST', /not both/],
    ['bytes_value that is not base64', { bytes_value: 'not base64!' }, 'INVALID_PARAMETER_VALUE', /base64/],
    [
      'a value over 128 KB',
      { string_value: 'x'.repeat(MAX_VALUE_BYTES + 1) },
      'INVALID_PARAMETER_VALUE',
      /128 KB/,
    ],
  ])('is refused with %s', (_name, body, code, message) => {
    expect(() => encodedValue(body)).toThrow(expect.objectContaining({ statusCode: 400, errorCode: code }));
    expect(() => encodedValue(body)).toThrow(message);
  });

  it('may be exactly 128 KB', () => {
    expect(() =>
      encodedValue({ bytes_value: Buffer.alloc(MAX_VALUE_BYTES).toString('base64') }),
    ).not.toThrow();
  });
});
