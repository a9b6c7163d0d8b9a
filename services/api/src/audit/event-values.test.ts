import { describe, expect, it } from 'vitest';
import { errorMessage, requestParams, responseResult } from './event-values.js';

const TOKEN = 'dapi0123456789abcdef0123456789abcdef';

describe('requestParams', () => {
  it('leaves out a value that is no data, such as a stream that refers to itself', () => {
    const stream: Record<string, unknown> = { kind: 'socket' };
    stream.self = stream;
    expect(requestParams({ path: '/Volumes/a', file: stream })).toEqual({ path: '/Volumes/a' });
  });

  it('merges path parameters, query and body into strings, later sources first', () => {
    expect(
      requestParams(
        { cluster_id: 'from-path' },
        { cluster_id: 'from-query', limit: 5 },
        { num_workers: 2, autoscale: { min_workers: 1, max_workers: 3 }, tags: ['a'], flag: false },
      ),
    ).toEqual({
      cluster_id: 'from-query',
      limit: '5',
      num_workers: '2',
      autoscale: '{"min_workers":1,"max_workers":3}',
      tags: '["a"]',
      flag: 'false',
    });
  });

  it.each([
    ['a sign-in token', { token: TOKEN }],
    ['a created token value', { token_value: TOKEN }],
    ['a secret string value', { scope: 's', key: 'k', string_value: TOKEN }],
    ['a secret bytes value', { bytes_value: Buffer.from(TOKEN).toString('base64') }],
    ['a password', { user: 'u', db_password: TOKEN }],
    ['a client secret', { client_id: 'c', client_secret: TOKEN }],
    ['an Authorization header value', { Authorization: `Bearer ${TOKEN}` }],
    ['a secret nested in a spec', { spark_env_vars: { AWS_SECRET_ACCESS_KEY: TOKEN, HOME: '/h' } }],
    ['a password deep in a list', { libraries: [{ maven: { repo_password: TOKEN } }] }],
    ['an OAuth access token', { access_token: TOKEN }],
  ])('never records %s', (_name, body) => {
    const params = requestParams(undefined, undefined, body);
    expect(JSON.stringify(params)).not.toContain(TOKEN);
    expect(JSON.stringify(params)).not.toContain(Buffer.from(TOKEN).toString('base64'));
  });

  it('keeps what merely names a token or a secret', () => {
    expect(requestParams({ token_id: 't1' }, { page_token: 'p' }, { idempotency_token: 'i' })).toEqual({
      token_id: 't1',
      page_token: 'p',
      idempotency_token: 'i',
    });
  });

  it('leaves out uploaded file bytes, and bodies that are no JSON object', () => {
    expect(requestParams({}, {}, { path: '/a', contents: 'QUJD', overwrite: true })).toEqual({
      path: '/a',
      overwrite: 'true',
    });
    expect(requestParams({}, {}, Buffer.from('raw'))).toEqual({});
    expect(requestParams({}, {}, ['list'])).toEqual({});
    expect(requestParams(undefined, null, 'text')).toEqual({});
  });

  it('names a wildcard path parameter path', () => {
    expect(requestParams({ '*': 'Volumes/c/s/v/f.txt' })).toEqual({ path: 'Volumes/c/s/v/f.txt' });
  });

  it('truncates a value over 100 KB, never inside a character', () => {
    const long = requestParams({}, {}, { statement: 'x'.repeat(200_000), short: 'y' });
    expect(Buffer.byteLength(long.statement as string)).toBe(100 * 1024);
    expect(long.short).toBe('y');
    const wide = requestParams({}, {}, { text: '€'.repeat(50_000) }).text as string;
    expect(Buffer.byteLength(wide)).toBeLessThanOrEqual(100 * 1024);
    expect(wide).toMatch(/^€+$/);
  });
});

describe('responseResult', () => {
  it.each([
    ['the id a create made', '{"cluster_id":"0101-x"}', '{"cluster_id":"0101-x"}'],
    [
      'plain values only, no nested objects',
      '{"run_id":7,"number_in_job":1,"state":{"x":1}}',
      '{"run_id":7,"number_in_job":1}',
    ],
    ['never a token value', `{"token_value":"${TOKEN}","token_info":{"token_id":"t"}}`, null],
    ['nothing for an empty answer', '{}', null],
    ['nothing for an answer that is no JSON object', 'not json', null],
    ['nothing for a list', '[1,2]', null],
  ])('is %s', (_name, payload, expected) => {
    expect(responseResult(payload)).toBe(expected);
  });
});

describe('errorMessage', () => {
  it('is the message of a Databricks error, else null', () => {
    expect(errorMessage('{"error_code":"PERMISSION_DENIED","message":"No"}')).toBe('No');
    expect(errorMessage('<html>')).toBeNull();
    expect(errorMessage('{"error_code":"X"}')).toBeNull();
  });
});
