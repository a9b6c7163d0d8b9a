import { describe, expect, it } from 'vitest';
import { driverRefusal, driverUnanswered } from './driver-answer.js';

const clusterId = '0101-000000-abcdefgh';

describe('driverRefusal', () => {
  it.each([
    [400, 'INVALID_PARAMETER_VALUE', 'Invalid language "cobol": use one of python, sql, scala, r.'],
    [404, 'RESOURCE_DOES_NOT_EXIST', 'Execution context 123 does not exist.'],
    [413, 'INVALID_PARAMETER_VALUE', 'The request body is over 10 MB.'],
    [400, 'RESOURCE_EXHAUSTED', 'Too many execution contexts are open on this cluster.'],
  ])('passes a %i %s through with its status, code and message', (status, code, message) => {
    const refusal = driverRefusal(clusterId, status, JSON.stringify({ error_code: code, message }));
    expect(refusal).toMatchObject({
      statusCode: status,
      errorCode: code,
      message,
      retryAfterSeconds: undefined,
    });
    expect(refusal.toJSON()).toEqual({ error_code: code, message });
  });

  it('asks the client to wait a second before retrying a 503', () => {
    const body = JSON.stringify({ error_code: 'TEMPORARILY_UNAVAILABLE', message: 'shutting down' });
    expect(driverRefusal(clusterId, 503, body)).toMatchObject({ statusCode: 503, retryAfterSeconds: 1 });
  });

  it.each([
    ['an HTML page', 502, '<html>Bad Gateway</html>'],
    ['an empty body', 500, ''],
    ['JSON that is not an error', 404, '{"id":"1"}'],
    ['a JSON array', 400, '[]'],
  ])('answers an internal error for %s', (_name, status, text) => {
    expect(driverRefusal(clusterId, status, text)).toMatchObject({
      statusCode: 500,
      errorCode: 'INTERNAL_ERROR',
      message: `The runtime of cluster ${clusterId} gave an unexpected answer (HTTP ${status})`,
    });
  });
});

describe('driverUnanswered', () => {
  it('answers 504 DEADLINE_EXCEEDED when the call timed out', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(driverUnanswered(clusterId, timeout, 30_000)).toMatchObject({
      statusCode: 504,
      errorCode: 'DEADLINE_EXCEEDED',
      message: `The runtime of cluster ${clusterId} did not answer within 30 s`,
    });
  });

  it.each([
    ['a refused connection', new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })],
    ['a reset connection', new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })],
    ['something thrown that is not an error', undefined],
  ])('answers 503 TEMPORARILY_UNAVAILABLE for %s', (_name, error) => {
    expect(driverUnanswered(clusterId, error, 30_000)).toMatchObject({
      statusCode: 503,
      errorCode: 'TEMPORARILY_UNAVAILABLE',
      message: `The runtime of cluster ${clusterId} cannot be reached`,
      retryAfterSeconds: 1,
    });
  });
});
