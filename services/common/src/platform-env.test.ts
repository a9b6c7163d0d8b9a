import { describe, expect, it } from 'vitest';
import { integerEnv, MissingEnvError, portEnv, readPlatformEnv, requireEnv } from './platform-env.js';

const complete = {
  KUBECONFIG: '/tmp/kubeconfig',
  REDIS_URL: 'redis://127.0.0.1:16379',
  AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:17070',
  AWS_ACCESS_KEY_ID: 'key',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_REGION: 'us-east-1',
  BRICKYARD_BUCKET: 'brickyard',
};

describe('readPlatformEnv', () => {
  it('maps the exports of .brickyard/env to connection settings', () => {
    expect(readPlatformEnv(complete)).toEqual({
      kubeconfig: '/tmp/kubeconfig',
      redisUrl: 'redis://127.0.0.1:16379',
      s3: {
        endpoint: 'http://127.0.0.1:17070',
        accessKeyId: 'key',
        secretAccessKey: 'secret',
        region: 'us-east-1',
        bucket: 'brickyard',
      },
    });
  });

  it('names every missing variable and says how to get it', () => {
    const { REDIS_URL: _redis, AWS_REGION: _region, ...partial } = complete;
    expect(() => readPlatformEnv(partial)).toThrow(MissingEnvError);
    expect(() => readPlatformEnv(partial)).toThrow(/REDIS_URL, AWS_REGION: run 'make up'/);
  });
});

describe('settings readers', () => {
  it('say who sets a missing variable when told', () => {
    expect(() => requireEnv({ A: 'x', B: '' }, ['A', 'B', 'C'], 'the operator sets them')).toThrow(
      'missing environment variable(s) B, C: the operator sets them',
    );
    expect(requireEnv({ A: 'x' }, ['A'])).toEqual({ A: 'x' });
  });

  it.each([
    [{}, 7],
    [{ N: '' }, 7],
    [{ N: '12' }, 12],
  ])('read an integer, defaulted when unset or empty (%j)', (env, expected) => {
    expect(integerEnv(env, 'N', 7)).toBe(expected);
  });

  it.each([
    ['a word', 'soon', 1, /N must be a positive integer, not 'soon'/],
    ['a fraction', '1.5', 1, /positive integer/],
    ['zero where one is the least', '0', 1, /positive integer/],
    ['less than the minimum', '10', 50, /N must be an integer of at least 50, not '10'/],
  ])('refuse %s', (_name, value, minimum, error) => {
    expect(() => integerEnv({ N: value }, 'N', 7, minimum)).toThrow(error);
  });

  it('read a port, 0 for any free one, and refuse what is none', () => {
    expect(portEnv({}, 'P', 18080)).toBe(18080);
    expect(portEnv({ P: '0' }, 'P', 18080)).toBe(0);
    expect(portEnv({ P: '19000' }, 'P', 18080)).toBe(19000);
    expect(() => portEnv({ P: 'http' }, 'P', 1)).toThrow(/P must be a port number, not 'http'/);
    expect(() => portEnv({ P: '65536' }, 'P', 1)).toThrow(/port number/);
  });
});
