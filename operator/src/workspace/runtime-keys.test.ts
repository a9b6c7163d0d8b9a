import type { V1Secret } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { storedAccessKey, withAccessKey } from './runtime-keys.js';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('the runtime Secret keys', () => {
  it('are read back from the stored data', () => {
    const secret: V1Secret = {
      data: {
        AWS_ACCESS_KEY_ID: base64('AKIA1'),
        AWS_SECRET_ACCESS_KEY: base64('s3cr3t'),
        REDIS_URL: base64('r'),
      },
    };
    expect(storedAccessKey(secret)).toEqual({ accessKeyId: 'AKIA1', secretAccessKey: 's3cr3t' });
  });

  it.each([
    ['no Secret', undefined],
    ['a Secret without data', {}],
    ['a Secret with only the key id', { data: { AWS_ACCESS_KEY_ID: base64('AKIA1') } }],
  ])('are not there in %s', (_, secret) => {
    expect(storedAccessKey(secret as V1Secret | undefined)).toBeUndefined();
  });

  it("replace the platform's keys and keep every other setting", () => {
    const env = { REDIS_URL: 'redis://r', AWS_ACCESS_KEY_ID: 'ROOT', AWS_SECRET_ACCESS_KEY: 'ROOTSECRET' };
    expect(withAccessKey(env, { accessKeyId: 'AKIA1', secretAccessKey: 's3cr3t' })).toEqual({
      REDIS_URL: 'redis://r',
      AWS_ACCESS_KEY_ID: 'AKIA1',
      AWS_SECRET_ACCESS_KEY: 's3cr3t',
    });
  });
});
