import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  errorMessage,
  isAlreadyExists,
  isBusy,
  isConflict,
  isInvalid,
  isPermanent,
  isUnreachable,
  orUndefined,
  PermanentError,
} from './api-errors.js';

function apiError(code: number, body: Record<string, unknown>): ApiException<string> {
  return new ApiException(code, 'Unsuccessful HTTP Request', JSON.stringify(body), {});
}

const alreadyExists = apiError(409, {
  kind: 'Status',
  reason: 'AlreadyExists',
  message: 'namespaces "x" already exists',
});
const conflict = apiError(409, {
  kind: 'Status',
  reason: 'Conflict',
  message: 'the object has been modified',
});
const forbidden = apiError(403, { kind: 'Status', reason: 'Forbidden', message: 'cannot create resource' });
const terminating = apiError(403, {
  kind: 'Status',
  reason: 'Forbidden',
  message: 'unable to create new content in namespace x because it is being terminated',
  details: { causes: [{ reason: 'NamespaceTerminating', message: 'namespace x is being terminated' }] },
});

describe('apiserver error classification', () => {
  it.each([
    [
      'tells an existing object from a stale write',
      alreadyExists,
      { exists: true, conflict: false, permanent: false },
    ],
    [
      'tells a stale write from an existing object',
      conflict,
      { exists: false, conflict: true, permanent: false },
    ],
    ['takes an RBAC refusal as permanent', forbidden, { exists: false, conflict: false, permanent: true }],
    [
      'waits out a namespace being deleted',
      terminating,
      { exists: false, conflict: false, permanent: false },
    ],
    [
      'takes an invalid object as permanent',
      apiError(422, { reason: 'Invalid' }),
      { exists: false, conflict: false, permanent: true },
    ],
    [
      'retries a server error',
      apiError(500, { reason: 'InternalError' }),
      { exists: false, conflict: false, permanent: false },
    ],
    [
      'takes our own permanent error as permanent',
      new PermanentError('taken'),
      { exists: false, conflict: false, permanent: true },
    ],
  ])('%s', (_name, error, expected) => {
    expect({
      exists: isAlreadyExists(error),
      conflict: isConflict(error),
      permanent: isPermanent(error),
    }).toEqual(expected);
  });

  it.each([
    ['uses the message of the apiserver Status', conflict, 'the object has been modified'],
    [
      'falls back to the HTTP status',
      new ApiException(502, 'Bad Gateway', '<html>', {}),
      'apiserver answered 502',
    ],
    ['uses the message of any other error', new Error('socket hang up'), 'socket hang up'],
  ])('%s', (_name, error, message) => {
    expect(errorMessage(error)).toBe(message);
  });

  it('reads a missing object as undefined and passes every other failure on', async () => {
    await expect(orUndefined(Promise.resolve('node'))).resolves.toBe('node');
    await expect(orUndefined(Promise.reject(apiError(404, { reason: 'NotFound' })))).resolves.toBeUndefined();
    await expect(orUndefined(Promise.reject(conflict))).rejects.toBe(conflict);
  });

  it.each([
    ['a schema refusal is invalid', apiError(422, { reason: 'Invalid' }), 'invalid'],
    ['a malformed request is invalid', apiError(400, { reason: 'BadRequest' }), 'invalid'],
    ['throttling is busy', apiError(429, { reason: 'TooManyRequests' }), 'busy'],
    ['an overloaded apiserver is busy', apiError(503, { reason: 'ServiceUnavailable' }), 'busy'],
    ['a gateway timeout is busy', apiError(504, { reason: 'Timeout' }), 'busy'],
    [
      'a refused connection is unreachable',
      Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
      'unreachable',
    ],
    ['a stale write is none of them', conflict, 'none'],
    ['an RBAC refusal is none of them', forbidden, 'none'],
  ])('%s', (_name, error, expected) => {
    const kinds = { invalid: isInvalid(error), busy: isBusy(error), unreachable: isUnreachable(error) };
    expect(Object.entries(kinds).find(([, yes]) => yes)?.[0] ?? 'none').toBe(expected);
  });
});
