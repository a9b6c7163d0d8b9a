import { describe, expect, it } from 'vitest';
import { MissingEnvError, readPlatformEnv } from './platform-env.js';

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
