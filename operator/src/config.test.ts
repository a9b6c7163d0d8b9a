import { MissingEnvError } from '@brickyard/common/platform-env';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_SETTINGS } from './cluster/settings.js';
import { readOperatorConfig, runtimeEnvOf } from './config.js';
import { leaseName, shardLabelSelector } from './shard.js';

const s3Env = {
  REDIS_URL: 'redis://127.0.0.1:16379',
  AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:17070',
  AWS_ACCESS_KEY_ID: 'key',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_REGION: 'us-east-1',
  BRICKYARD_BUCKET: 'brickyard',
};

describe('readOperatorConfig', () => {
  it('needs the object store and Redis, and defaults the rest', () => {
    expect(readOperatorConfig(s3Env)).toEqual({
      kubeconfig: undefined,
      apiUrl: 'http://127.0.0.1:18080',
      s3: {
        endpoint: 'http://127.0.0.1:17070',
        accessKeyId: 'key',
        secretAccessKey: 'secret',
        region: 'us-east-1',
        bucket: 'brickyard',
      },
      redisUrl: 'redis://127.0.0.1:16379',
      clusters: { ...DEFAULT_CLUSTER_SETTINGS, dbfsBucket: 'brickyard' },
      warehouses: { sparkVersion: '19.3.x-scala2.13', deletedRetentionMs: 24 * 3_600_000 },
      host: '127.0.0.1',
      port: 18081,
      shard: undefined,
      leaseNamespace: 'brickyard-system',
      logLevel: 'info',
    });
  });

  it('takes the kubeconfig, port and shard it is given', () => {
    const config = readOperatorConfig({
      ...s3Env,
      KUBECONFIG: '/tmp/operator.kubeconfig',
      BRICKYARD_OPERATOR_PORT: '19000',
      BRICKYARD_OPERATOR_SHARD: 'it-1234',
    });
    expect(config).toMatchObject({ kubeconfig: '/tmp/operator.kubeconfig', port: 19000, shard: 'it-1234' });
  });

  it.each([
    ['names every missing variable', { AWS_REGION: 'us-east-1' }, MissingEnvError],
    ['refuses a cluster setting it cannot read', { ...s3Env, BRICKYARD_DEMAND_POLL_MS: '1' }, /at least 50/],
    [
      'refuses a port that is not a number',
      { ...s3Env, BRICKYARD_OPERATOR_PORT: 'http' },
      /must be a port number/,
    ],
    [
      'refuses a shard that cannot be a label value',
      { ...s3Env, BRICKYARD_OPERATOR_SHARD: 'Team A' },
      /lowercase/,
    ],
  ])('%s', (_name, env, error) => {
    expect(() => readOperatorConfig(env)).toThrow(error);
  });
});

describe('runtimeEnvOf', () => {
  it("hands the runtime the operator's own Redis, object store and API settings", () => {
    expect(runtimeEnvOf(readOperatorConfig(s3Env))).toEqual({
      BRICKYARD_API_URL: 'http://127.0.0.1:18080',
      REDIS_URL: 'redis://127.0.0.1:16379',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:17070',
      AWS_ACCESS_KEY_ID: 'key',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_REGION: 'us-east-1',
      BRICKYARD_BUCKET: 'brickyard',
    });
  });
});

describe('shards', () => {
  it.each([
    [
      'the default shard watches what carries no shard label',
      undefined,
      '!brickyard.dev/shard',
      'brickyard-operator',
    ],
    [
      'a named shard watches only its own label and has its own Lease',
      'it-42',
      'brickyard.dev/shard=it-42',
      'brickyard-operator-it-42',
    ],
  ])('%s', (_name, shard, selector, lease) => {
    expect(shardLabelSelector(shard)).toBe(selector);
    expect(leaseName(shard)).toBe(lease);
  });
});
