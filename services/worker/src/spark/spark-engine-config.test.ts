import { describe, expect, it } from 'vitest';
import { parseSparkConf, readSparkEngineConfig } from './spark-engine-config.js';

const runtime = {
  clusterId: 'c-1',
  workspaceId: 42,
  role: 'driver' as const,
  redisUrl: 'redis://127.0.0.1:16379',
  s3: {
    endpoint: 'http://127.0.0.1:17070',
    accessKeyId: 'key',
    secretAccessKey: 'secret',
    region: 'us-east-1',
    bucket: 'brickyard',
  },
};

const sparkPod = {
  BRICKYARD_SPARK_ENGINE: 'spark',
  BRICKYARD_POD_IP: '127.32.0.5',
  BRICKYARD_NODE_TYPE: 'm5d.large',
  BRICKYARD_SPARK_RUNTIME: '/opt/spark-runtime',
  HOSTNAME: 'c-1-driver',
};

describe('readSparkEngineConfig', () => {
  it.each([
    ['the engine is none', { ...sparkPod, BRICKYARD_SPARK_ENGINE: 'none' }],
    ['the operator did not say (it predates Spark)', { ...sparkPod, BRICKYARD_SPARK_ENGINE: undefined }],
  ])('runs no Spark when %s', (_case, env) => {
    expect(readSparkEngineConfig(env, runtime)).toBeUndefined();
  });

  it('reads a Spark pod: its address, name, node type and runtime, with no spark_conf', () => {
    expect(readSparkEngineConfig(sparkPod, runtime)).toMatchObject({
      clusterId: 'c-1',
      podIp: '127.32.0.5',
      podName: 'c-1-driver',
      runtimeDir: '/opt/spark-runtime',
      nodeType: { node_type_id: 'm5d.large', num_cores: 2, memory_mb: 8192 },
      workerNodeType: { node_type_id: 'm5d.large' },
      singleNode: undefined,
      userConf: {},
    });
  });

  it('sizes executors by the workers’ node type and reads whether the cluster is single-node', () => {
    const env = { ...sparkPod, BRICKYARD_WORKER_NODE_TYPE: 'r5d.xlarge', BRICKYARD_SINGLE_NODE: 'true' };
    expect(readSparkEngineConfig(env, runtime)).toMatchObject({
      nodeType: { node_type_id: 'm5d.large' },
      workerNodeType: { node_type_id: 'r5d.xlarge' },
      singleNode: true,
    });
  });

  it.each([
    ['an engine it does not know', { BRICKYARD_SPARK_ENGINE: 'photon' }, /must be 'spark' or 'none'/],
    ['no pod address', { BRICKYARD_POD_IP: '' }, /BRICKYARD_POD_IP: the cluster controller sets them/],
    ['an unknown node type', { BRICKYARD_NODE_TYPE: 'x9.huge' }, /unknown node type: 'x9.huge'/],
    [
      'a single-node flag that is no boolean',
      { BRICKYARD_SINGLE_NODE: 'yes' },
      /BRICKYARD_SINGLE_NODE must be 'true' or 'false'/,
    ],
  ])('refuses %s', (_case, change, error) => {
    expect(() => readSparkEngineConfig({ ...sparkPod, ...change }, runtime)).toThrow(error);
  });
});

describe('parseSparkConf', () => {
  it.each([
    ['nothing when unset', undefined, {}],
    ['nothing when empty', ' ', {}],
    [
      'string values as given',
      '{"spark.sql.shuffle.partitions":"8"}',
      { 'spark.sql.shuffle.partitions': '8' },
    ],
    [
      'numbers and booleans as their text',
      '{"spark.sql.shuffle.partitions":8,"spark.sql.adaptive.enabled":false}',
      { 'spark.sql.shuffle.partitions': '8', 'spark.sql.adaptive.enabled': 'false' },
    ],
  ])('reads %s', (_case, raw, conf) => {
    expect(parseSparkConf(raw)).toEqual(conf);
  });

  it.each([
    ['what is not JSON', '{spark.master'],
    ['an array', '["a"]'],
    ['a nested object', '{"spark.x":{"a":1}}'],
  ])('refuses %s', (_case, raw) => {
    expect(() => parseSparkConf(raw)).toThrow(/BRICKYARD_SPARK_CONF/);
  });
});
