import { NoSuchKey, S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { isS3NotFound, s3Status } from './s3-errors.js';

const serviceError = (name: string, httpStatusCode: number) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode } });

describe('S3 errors', () => {
  it('reads the status the store answered with', () => {
    expect(s3Status(serviceError('PreconditionFailed', 412))).toBe(412);
    expect(s3Status(Object.assign(new Error('connect ECONNREFUSED'), { $metadata: { attempts: 3 } }))).toBe(
      undefined,
    );
    expect(s3Status(undefined)).toBeUndefined();
  });

  it.each([
    ['a 404', serviceError('NotFound', 404), true],
    ['NoSuchKey without a status', new NoSuchKey({ message: 'gone', $metadata: {} }), true],
    ['a refusal', serviceError('AccessDenied', 403), false],
    ['no answer', new Error('socket hang up'), false],
  ])('takes %s as not found: %s', (_name, error, expected) => {
    expect(isS3NotFound(error)).toBe(expected);
  });
});
