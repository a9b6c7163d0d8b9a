import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { DatabricksError } from '../errors/databricks-error.js';
import { toDatabricksError } from './kube-errors.js';

function apiError(code: number, body: Record<string, unknown>): ApiException<string> {
  return new ApiException(code, 'Unsuccessful HTTP Request', JSON.stringify(body), {});
}

describe('toDatabricksError', () => {
  it('gives the client the apiserver message of an invalid object', () => {
    const mapped = toDatabricksError(
      apiError(422, { reason: 'Invalid', message: 'spec.numWorkers: Invalid' }),
    );
    expect(mapped).toBeInstanceOf(DatabricksError);
    expect(mapped).toMatchObject({ statusCode: 400, errorCode: 'INVALID_PARAMETER_VALUE' });
    expect((mapped as DatabricksError).message).toBe('spec.numWorkers: Invalid');
  });

  it.each([
    ['a throttled request', apiError(429, {})],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
  ])('tells the client to retry %s', (_name, error) => {
    expect(toDatabricksError(error)).toMatchObject({ statusCode: 503, errorCode: 'TEMPORARILY_UNAVAILABLE' });
  });

  it.each([
    ['a conflict', apiError(409, { reason: 'Conflict' })],
    ['an RBAC refusal of our own service account', apiError(403, { reason: 'Forbidden' })],
    ['any other error', new Error('bug')],
  ])('leaves %s as the internal error it is', (_name, error) => {
    expect(toDatabricksError(error)).toBe(error);
  });
});
