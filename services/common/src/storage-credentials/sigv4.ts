import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for the form-encoded POSTs of the IAM query API (the only requests this
 * module signs): the signed headers are content-type, host and x-amz-date, the payload is hashed.
 */

export interface SigningKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignedPostInput {
  /** host[:port], exactly as the request's Host header carries it. */
  host: string;
  contentType: string;
  body: string;
  region: string;
  service: string;
  keys: SigningKeys;
  now: Date;
}

const sha256Hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer =>
  createHmac('sha256', key).update(data, 'utf8').digest();

/** 20260102T030405Z: ISO 8601 basic format, seconds precision. */
export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The headers of a signed POST to '/' with no query string: x-amz-date and authorization. */
export function signPost(input: SignedPostInput): Record<string, string> {
  const stamp = amzDate(input.now);
  const day = stamp.slice(0, 8);
  const signedHeaders = 'content-type;host;x-amz-date';
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${input.contentType}`,
    `host:${input.host}`,
    `x-amz-date:${stamp}`,
    '',
    signedHeaders,
    sha256Hex(input.body),
  ].join('\n');
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${input.keys.secretAccessKey}`, day), input.region), input.service),
    'aws4_request',
  );
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return {
    'x-amz-date': stamp,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.keys.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
