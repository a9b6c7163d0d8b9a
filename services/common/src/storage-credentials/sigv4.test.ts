import { describe, expect, it } from 'vitest';
import { amzDate, signPost } from './sigv4.js';

describe('signPost', () => {
  // AWS's published example: the IAM ListUsers request of the SigV4 documentation's test suite,
  // as a POST of the same form (Version 2010-05-08, us-east-1, the documented example keys).
  const input = {
    host: 'iam.amazonaws.com',
    contentType: 'application/x-www-form-urlencoded; charset=utf-8',
    body: 'Action=ListUsers&Version=2010-05-08',
    region: 'us-east-1',
    service: 'iam',
    keys: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    now: new Date('2015-08-30T12:36:00Z'),
  };

  it('signs content-type, host and x-amz-date under the day, region and service', () => {
    const headers = signPost(input);
    expect(headers['x-amz-date']).toBe('20150830T123600Z');
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20150830\/us-east-1\/iam\/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it('gives another signature for another body', () => {
    const other = signPost({ ...input, body: 'Action=ListRoles&Version=2010-05-08' });
    expect(other.authorization).not.toBe(signPost(input).authorization);
  });

  it('formats the time in ISO 8601 basic form', () => {
    expect(amzDate(new Date('2026-01-02T03:04:05.999Z'))).toBe('20260102T030405Z');
  });
});
