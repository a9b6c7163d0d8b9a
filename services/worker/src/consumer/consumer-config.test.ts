import { describe, expect, it } from 'vitest';
import { readConsumerConfig } from './consumer-config.js';

const podEnv = {
  BRICKYARD_CLUSTER_ID: 'c-1',
  BRICKYARD_WORKSPACE_ID: '42',
  BRICKYARD_ROLE: 'worker',
  BRICKYARD_WORKER_PORT: '18090',
  REDIS_URL: 'redis://127.0.0.1:16379',
  AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:17070',
  AWS_ACCESS_KEY_ID: 'key',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_REGION: 'us-east-1',
  BRICKYARD_BUCKET: 'brickyard',
};

describe('readConsumerConfig', () => {
  it('reads what the cluster controller gives a pod, and defaults the rest', () => {
    expect(readConsumerConfig(podEnv)).toMatchObject({
      clusterId: 'c-1',
      workspaceId: 42,
      role: 'worker',
      healthPort: 18090,
      healthHost: '127.0.0.1',
      concurrency: 4,
      s3: { region: 'us-east-1', bucket: 'brickyard' },
    });
  });

  it('passes the Spark Connect URL on only when the runtime has Spark', () => {
    expect(readConsumerConfig(podEnv)).not.toHaveProperty('sparkRemote');
    expect(readConsumerConfig({ ...podEnv, SPARK_REMOTE: 'sc://10.0.0.5:15002' }).sparkRemote).toBe(
      'sc://10.0.0.5:15002',
    );
  });

  it('names what is missing and who sets it', () => {
    const { BRICKYARD_CLUSTER_ID: _id, AWS_REGION: _region, ...partial } = podEnv;
    expect(() => readConsumerConfig(partial)).toThrow(
      /BRICKYARD_CLUSTER_ID: the cluster controller sets them/,
    );
    expect(() => readConsumerConfig({ ...podEnv, AWS_REGION: '' })).toThrow(/AWS_REGION/);
  });

  it('refuses a workspace id that is none', () => {
    expect(() => readConsumerConfig({ ...podEnv, BRICKYARD_WORKSPACE_ID: 'ws' })).toThrow(
      /BRICKYARD_WORKSPACE_ID must be a positive integer/,
    );
  });
});
